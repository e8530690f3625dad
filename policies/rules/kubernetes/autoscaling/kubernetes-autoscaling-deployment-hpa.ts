import * as k8s from "@pulumi/kubernetes";
import type { PolicyResource } from "@pulumi/policy";
import { inNamespace, namespaceOf, objectName } from "../../../lib/k8s";
import { stackPolicy } from "../../../lib/resource";
import { StackIndex, label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** The HorizontalPodAutoscaler that scales a Deployment, if any. */
export function hpaFor(stack: StackIndex, deployment: PolicyResource): PolicyResource | undefined {
  return inNamespace(stack, namespaceOf(deployment), k8s.autoscaling.v2.HorizontalPodAutoscaler, k8s.autoscaling.v1.HorizontalPodAutoscaler).find((h) => {
    const ref = (known(() => h.props.spec?.scaleTargetRef) as { kind?: string; name?: string } | undefined) ?? {};
    return ref.kind === "Deployment" && ref.name === objectName(deployment);
  });
}

/** Every Deployment is scaled by an HPA that keeps at least two replicas. */
export const kubernetesAutoscalingDeploymentHpa = stackPolicy(
  {
    name: "kubernetes-autoscaling-deployment-hpa",
    description: "Every Deployment is scaled by a HorizontalPodAutoscaler with minReplicas of at least 2.",
    severity: "medium",
    remediationSteps: "Add a HorizontalPodAutoscaler with scaleTargetRef naming the Deployment and minReplicas 2 or more.",
    frameworks: ["KYV", "POL", "KS horizontalpodautoscaler-has-target"],
    availability: true,
  },
  (stack, args) => {
    const deployments = stack.ofType(k8s.apps.v1.Deployment);
    if (deployments.length === 0) args.notApplicable("The stack has no Deployment.");
    return deployments.flatMap((d) => {
      const hpa = hpaFor(stack, d);
      if (!hpa) return [{ urn: d.urn, message: `${label(d)} has no HorizontalPodAutoscaler.` }];
      const min = Number(known(() => hpa.props.spec?.minReplicas) ?? 1);
      return min < 2 ? [{ urn: hpa.urn, message: `${label(hpa)} keeps minReplicas ${min} for ${label(d)}; it must be at least 2.` }] : [];
    });
  },
);
