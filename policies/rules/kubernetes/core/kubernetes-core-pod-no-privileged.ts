import { containerPolicy } from "../../../lib/pods";

/** No privileged containers. */
export const kubernetesCorePodNoPrivileged = containerPolicy(
  {
    name: "kubernetes-core-pod-no-privileged",
    description: "No container runs privileged.",
    severity: "critical",
    remediationSteps: "Remove securityContext.privileged or set it to false.",
    frameworks: ["PSS baseline", "KYV disallow-privileged-containers", "CKV_K8S_16", "POL privilegeEscalationAllowed"],
  },
  (c) => (c.container.securityContext?.privileged === true ? "is privileged." : undefined),
);
