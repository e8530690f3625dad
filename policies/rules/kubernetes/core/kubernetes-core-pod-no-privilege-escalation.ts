import { containerPolicy } from "../../../lib/pods";

/** No container can gain more privileges than its parent process. */
export const kubernetesCorePodNoPrivilegeEscalation = containerPolicy(
  {
    name: "kubernetes-core-pod-no-privilege-escalation",
    description: "Every container, init container and ephemeral container sets allowPrivilegeEscalation to false.",
    severity: "high",
    remediationSteps: "Set securityContext.allowPrivilegeEscalation: false on every container.",
    frameworks: ["PSS restricted", "KYV disallow-privilege-escalation", "CKV_K8S_20", "POL privilegeEscalationAllowed"],
  },
  (c) => (c.container.securityContext?.allowPrivilegeEscalation !== false ? "does not set allowPrivilegeEscalation to false." : undefined),
);
