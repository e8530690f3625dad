import { containerPolicy } from "../../../lib/pods";

/** Containers request CPU and memory and cap memory. */
export const kubernetesCorePodResources = containerPolicy(
  {
    name: "kubernetes-core-pod-resources",
    description: "Every container and init container requests CPU and memory and sets a memory limit.",
    severity: "medium",
    remediationSteps: "Set resources.requests.cpu, resources.requests.memory and resources.limits.memory on each container.",
    frameworks: ["KYV require-requests-limits", "CKV_K8S_10", "CKV_K8S_11", "CKV_K8S_12", "CKV_K8S_13", "POL cpuRequestsMissing", "POL memoryLimitsMissing", "KS container-resources"],
  },
  (c) => {
    const r = c.container.resources;
    const missing = [!r?.requests?.cpu && "requests.cpu", !r?.requests?.memory && "requests.memory", !r?.limits?.memory && "limits.memory"].filter(Boolean);
    return missing.length > 0 ? `has no ${missing.join(", ")}.` : undefined;
  },
  { containers: ["container", "initContainer"] },
);
