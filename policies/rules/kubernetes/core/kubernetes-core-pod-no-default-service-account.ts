import { podPolicy } from "../../../lib/pods";

/** Pods run under their own service account. */
export const kubernetesCorePodNoDefaultServiceAccount = podPolicy(
  {
    name: "kubernetes-core-pod-no-default-service-account",
    description: "Pods run under a dedicated service account, never the namespace's default one.",
    severity: "medium",
    remediationSteps: "Create a ServiceAccount per workload and set serviceAccountName to it.",
    frameworks: ["KYV restrict-default-sa", "CKV_K8S_41"],
  },
  (pod) => {
    const sa = pod.spec.serviceAccountName ?? "default";
    return sa === "default" ? "The pod runs under the default service account." : undefined;
  },
);
