import * as k8s from "@pulumi/kubernetes";
import { resourcePolicy } from "../../../lib/resource";

/** Pods are always managed by a controller. */
export const kubernetesCorePodNoBarePods = resourcePolicy(
  {
    name: "kubernetes-core-pod-no-bare-pods",
    description: "The program declares no bare Pods; every pod belongs to a Deployment, StatefulSet, DaemonSet or Job, which reschedules it.",
    severity: "low",
    remediationSteps: "Wrap the pod in a Deployment (or a Job for run-to-completion work).",
    frameworks: ["CP kubernetes-core-v1-pod-disallow-bare-pods"],
  },
  k8s.core.v1.Pod,
  () => "The program declares a bare Pod.",
);
