import { containerPolicy, effective } from "../../../lib/pods";

/** Containers must run as a non-root user. */
export const kubernetesCorePodRunAsNonRoot = containerPolicy(
  {
    name: "kubernetes-core-pod-run-as-non-root",
    description: "Every container runs with runAsNonRoot true, set on the container or inherited from the pod's security context.",
    severity: "high",
    remediationSteps: "Set securityContext.runAsNonRoot: true on the pod (or on each container).",
    frameworks: ["PSS restricted", "KYV require-run-as-nonroot", "CKV_K8S_23", "POL runAsRootAllowed"],
  },
  (c, pod) => (effective(c.container, pod, "runAsNonRoot") !== true ? "does not set runAsNonRoot to true (nor does the pod)." : undefined),
);
