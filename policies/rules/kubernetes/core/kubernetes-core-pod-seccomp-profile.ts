import { containerPolicy, effective } from "../../../lib/pods";

/** Every container runs under a seccomp profile. */
export const kubernetesCorePodSeccompProfile = containerPolicy(
  {
    name: "kubernetes-core-pod-seccomp-profile",
    description: "Every container runs with seccomp profile RuntimeDefault or Localhost, set on the container or inherited from the pod.",
    severity: "medium",
    remediationSteps: "Set securityContext.seccompProfile.type: RuntimeDefault on the pod.",
    frameworks: ["PSS restricted", "KYV restrict-seccomp-strict", "CKV_K8S_31"],
  },
  (c, pod) => {
    const type = effective(c.container, pod, "seccompProfile")?.type;
    return type === "RuntimeDefault" || type === "Localhost" ? undefined : `has seccomp profile ${type ?? "(unset)"}; use RuntimeDefault or Localhost.`;
  },
);
