import { LONG_RUNNING, containerPolicy } from "../../../lib/pods";

/** Long-running containers declare readiness and liveness probes. */
export const kubernetesCorePodProbes = containerPolicy(
  {
    name: "kubernetes-core-pod-probes",
    description: "Every container of a long-running workload (not a Job or CronJob) has a readiness probe and a liveness probe.",
    severity: "medium",
    remediationSteps: "Add readinessProbe and livenessProbe to each container.",
    frameworks: ["KYV require-pod-probes", "CKV_K8S_8", "CKV_K8S_9", "POL readinessProbeMissing", "POL livenessProbeMissing", "KS container-probes"],
  },
  (c) => {
    const missing = [!c.container.readinessProbe && "readinessProbe", !c.container.livenessProbe && "livenessProbe"].filter(Boolean);
    return missing.length > 0 ? `has no ${missing.join(" and ")}.` : undefined;
  },
  { kinds: LONG_RUNNING, containers: ["container"] },
);
