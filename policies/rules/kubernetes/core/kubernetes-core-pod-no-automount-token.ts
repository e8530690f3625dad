import { podPolicy } from "../../../lib/pods";

/** Pods do not get the Kubernetes API token unless they opt in. */
export const kubernetesCorePodNoAutomountToken = podPolicy(
  {
    name: "kubernetes-core-pod-no-automount-token",
    description: "Pods set automountServiceAccountToken to false, unless the pod template is annotated platform.io/needs-kubernetes-api: \"true\".",
    severity: "medium",
    remediationSteps: "Set automountServiceAccountToken: false on the pod spec; annotate platform.io/needs-kubernetes-api: \"true\" for the rare pod that calls the Kubernetes API.",
    frameworks: ["KYV restrict-automount-sa-token", "CKV_K8S_38"],
  },
  (pod) =>
    pod.metadata.annotations?.["platform.io/needs-kubernetes-api"] === "true" || pod.spec.automountServiceAccountToken === false
      ? undefined
      : "automountServiceAccountToken is not false.",
);
