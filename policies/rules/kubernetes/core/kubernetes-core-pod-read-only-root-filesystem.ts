import { containerPolicy } from "../../../lib/pods";

/** Container root filesystems are read-only. */
export const kubernetesCorePodReadOnlyRootFilesystem = containerPolicy(
  {
    name: "kubernetes-core-pod-read-only-root-filesystem",
    description: "Every container mounts its root filesystem read-only.",
    severity: "medium",
    remediationSteps: "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the process must write.",
    frameworks: ["CP kubernetes-apps-v1-deployment-enable-read-only-root-filesystem", "KYV require-ro-rootfs", "CKV_K8S_22", "POL notReadOnlyRootFilesystem", "KS container-security-context-readonlyrootfilesystem"],
  },
  (c) => (c.container.securityContext?.readOnlyRootFilesystem !== true ? "does not set readOnlyRootFilesystem to true." : undefined),
);
