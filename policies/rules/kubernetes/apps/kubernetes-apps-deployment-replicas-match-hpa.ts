import * as k8s from "@pulumi/kubernetes";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";
import { hpaFor } from "../autoscaling/kubernetes-autoscaling-deployment-hpa";

/** A Deployment under an HPA leaves the replica count to it. */
export const kubernetesAppsDeploymentReplicasMatchHpa = stackPolicy(
  {
    name: "kubernetes-apps-deployment-replicas-match-hpa",
    description: "A Deployment scaled by an HPA leaves spec.replicas unset, or sets it within the HPA's minReplicas..maxReplicas, so each deployment does not fight the autoscaler.",
    severity: "low",
    remediationSteps: "Remove spec.replicas from Deployments that have an HPA (or keep it between minReplicas and maxReplicas).",
    frameworks: ["KYV", "KS"],
  },
  (stack, args) => {
    const scaled = stack.ofType(k8s.apps.v1.Deployment).filter((d) => hpaFor(stack, d));
    if (scaled.length === 0) args.notApplicable("The stack has no Deployment scaled by an HPA.");
    return scaled.flatMap((d) => {
      const replicas = known(() => d.props.spec?.replicas) as number | undefined;
      if (replicas === undefined) return [];
      const hpa = hpaFor(stack, d)!;
      const min = Number(known(() => hpa.props.spec?.minReplicas) ?? 1);
      const max = Number(known(() => hpa.props.spec?.maxReplicas));
      return replicas < min || replicas > max ? [{ urn: d.urn, message: `${label(d)} sets replicas ${replicas}, outside its HPA's range ${min}..${max}.` }] : [];
    });
  },
);
