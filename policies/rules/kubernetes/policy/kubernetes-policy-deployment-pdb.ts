import * as k8s from "@pulumi/kubernetes";
import { inNamespace, namespaceOf, selects } from "../../../lib/k8s";
import { podTemplateOf } from "../../../lib/pods";
import { StackFinding, stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";
import { hpaFor } from "../autoscaling/kubernetes-autoscaling-deployment-hpa";

/** Every Deployment has a disruption budget that still lets a node drain. */
export const kubernetesPolicyDeploymentPdb = stackPolicy(
  {
    name: "kubernetes-policy-deployment-pdb",
    description:
      "A PodDisruptionBudget covers each Deployment, with maxUnavailable not 0 and minAvailable below the replica count, so voluntary disruptions keep the service up without blocking node drains.",
    severity: "medium",
    remediationSteps: "Add a PodDisruptionBudget selecting the Deployment's pods with minAvailable: 1 (below the minimum replica count) or maxUnavailable: 1.",
    frameworks: ["CP kubernetes-apps-v1-deployment-configure-minimum-replica-count", "KYV require-pdb", "POL", "KS deployment-has-poddisruptionbudget"],
    availability: true,
  },
  (stack, args) => {
    const deployments = stack.ofType(k8s.apps.v1.Deployment);
    if (deployments.length === 0) args.notApplicable("The stack has no Deployment.");
    return deployments.flatMap((d): StackFinding[] => {
      const labels = podTemplateOf(d.type, d.props).metadata.labels;
      const covering = inNamespace(stack, namespaceOf(d), k8s.policy.v1.PodDisruptionBudget).filter((p) => selects(known(() => p.props.spec?.selector), labels));
      if (covering.length === 0) return [{ urn: d.urn, message: `${label(d)} is not covered by a PodDisruptionBudget.` }];
      const hpa = hpaFor(stack, d);
      const replicas = Number(known(() => hpa?.props.spec?.minReplicas) ?? known(() => d.props.spec?.replicas) ?? 1);
      return covering.flatMap((p): StackFinding[] => {
        const spec = (known(() => p.props.spec) as Record<string, unknown> | undefined) ?? {};
        if (spec.maxUnavailable !== undefined && String(spec.maxUnavailable).replace("%", "") === "0") {
          return [{ urn: p.urn, message: `${label(p)} sets maxUnavailable to ${String(spec.maxUnavailable)}, which blocks every voluntary disruption of ${label(d)}.` }];
        }
        if (typeof spec.minAvailable === "number" && spec.minAvailable >= replicas) {
          return [{ urn: p.urn, message: `${label(p)} sets minAvailable ${spec.minAvailable}, not below the ${replicas} replica(s) of ${label(d)}.` }];
        }
        if (spec.minAvailable === "100%") return [{ urn: p.urn, message: `${label(p)} sets minAvailable 100%, which blocks every voluntary disruption of ${label(d)}.` }];
        return [];
      });
    });
  },
);
