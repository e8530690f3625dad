import * as k8s from "@pulumi/kubernetes";
import { podPolicy } from "../../../lib/pods";

/** Replicas spread across availability zones. */
export const kubernetesAppsDeploymentZoneSpread = podPolicy(
  {
    name: "kubernetes-apps-deployment-zone-spread",
    description: "Deployments spread their pods across availability zones with a topology spread constraint on topology.kubernetes.io/zone.",
    severity: "medium",
    remediationSteps: "Add topologySpreadConstraints with topologyKey topology.kubernetes.io/zone, maxSkew 1 and the Deployment's labelSelector.",
    frameworks: ["KYV require-topologyspreadconstraints", "POL", "KS"],
    availability: true,
  },
  (pod) =>
    (pod.spec.topologySpreadConstraints ?? []).some((c) => c.topologyKey === "topology.kubernetes.io/zone")
      ? undefined
      : "The pod template has no topology spread constraint on topology.kubernetes.io/zone.",
  [k8s.apps.v1.Deployment],
);
