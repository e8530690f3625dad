import { podPolicy } from "../../../lib/pods";

/** No pod opts out of its sidecar. */
export const kubernetesIstioPodInjectionNotDisabled = podPolicy(
  {
    name: "kubernetes-istio-pod-injection-not-disabled",
    description: "No pod template disables Istio sidecar injection with the sidecar.istio.io/inject label or annotation set to false.",
    severity: "high",
    remediationSteps: "Remove sidecar.istio.io/inject: \"false\" from the pod template.",
    frameworks: ["KYV require-sidecar-injection"],
    seed: true,
  },
  (pod) =>
    (["labels", "annotations"] as const).map((where) => pod.metadata[where]?.["sidecar.istio.io/inject"] === "false" && `The pod template's ${where.slice(0, -1)} sidecar.istio.io/inject is false.`),
);
