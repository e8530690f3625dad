import { containerPolicy, effective } from "../../../lib/pods";

/** No container runs as UID 0. */
export const kubernetesCorePodRunAsUserNonZero = containerPolicy(
  {
    name: "kubernetes-core-pod-run-as-user-non-zero",
    description: "No container, nor the pod's security context, sets runAsUser to 0 (root).",
    severity: "high",
    remediationSteps: "Set runAsUser to a non-zero UID, such as 65532.",
    frameworks: ["PSS restricted", "KYV require-run-as-non-root-user", "CKV_K8S_40"],
  },
  (c, pod) => (effective(c.container, pod, "runAsUser") === 0 ? "runs as runAsUser 0 (root)." : undefined),
);
