import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import type { PolicyResource } from "@pulumi/policy";
import { CONTAINER_INSIGHTS_ADDON, CONTAINER_INSIGHTS_METRICS, OVER_LIMIT_METRICS } from "../../../lib/containerInsights";
import { namespaceOf, objectName } from "../../../lib/k8s";
import { podTemplateOf } from "../../../lib/pods";
import { StackFinding, stackPolicy } from "../../../lib/resource";
import { StackIndex, label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** One metric an alarm reads: its own, or one of its metric queries'; `prop` is the input that holds it. */
interface WatchedMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, unknown>;
  readonly prop: "dimensions" | "metricQueries";
}

function watchedMetrics(alarm: PolicyResource): WatchedMetric[] {
  const props = known(() => alarm.props) as Record<string, any> | undefined;
  if (!props) return [];
  const own = typeof props.namespace === "string" && typeof props.metricName === "string" ? [{ namespace: props.namespace, metricName: props.metricName, dimensions: props.dimensions ?? {}, prop: "dimensions" as const }] : [];
  const queries = ((props.metricQueries as { metric?: Record<string, any> }[] | undefined) ?? [])
    .map((q) => q.metric)
    .filter((m): m is Record<string, any> => typeof m?.namespace === "string" && typeof m?.metricName === "string")
    .map((m) => ({ namespace: m.namespace, metricName: m.metricName, dimensions: m.dimensions ?? {}, prop: "metricQueries" as const }));
  return [...own, ...queries];
}

const configOf = (addon: PolicyResource): Record<string, any> => {
  const raw = known(() => addon.props.configurationValues);
  try {
    return typeof raw === "string" && raw !== "" ? JSON.parse(raw) : {};
  } catch {
    return {};
  }
};

/** The clusters an input names: by reference, else by the cluster's name. */
function clustersOf(stack: StackIndex, r: PolicyResource, prop: string, name: unknown): PolicyResource[] {
  const byRef = stack.refs(r, prop, aws.eks.Cluster);
  if (byRef.length > 0) return byRef;
  return stack.ofType(aws.eks.Cluster).filter((c) => (known(() => c.props.name) ?? c.name) === name);
}

/** What the Container Insights checks look up, once per stack. */
interface Producers {
  /** The clusters that run the add-on with Container Insights on. */
  readonly clusters: ReadonlySet<PolicyResource>;
  /** The workloads of the plan by `<namespace>/<name>`. */
  readonly workloads: ReadonlyMap<string, PolicyResource>;
}

function producersOf(stack: StackIndex): Producers {
  const clusters = new Set(
    stack
      .ofType(aws.eks.Addon)
      .filter((a) => known(() => a.props.addonName) === CONTAINER_INSIGHTS_ADDON && configOf(a).containerInsights?.enabled !== false)
      .flatMap((a) => clustersOf(stack, a, "clusterName", known(() => a.props.clusterName))),
  );
  const workloads = new Map(
    stack.ofType(k8s.apps.v1.Deployment, k8s.apps.v1.StatefulSet, k8s.apps.v1.DaemonSet).map((w) => [`${known(() => namespaceOf(w))}/${known(() => objectName(w))}`, w] as const),
  );
  return { clusters, workloads };
}

function containerInsightsProblems(stack: StackIndex, producers: Producers, alarm: PolicyResource, m: WatchedMetric): string[] {
  const where = `${label(alarm)}: ContainerInsights ${m.metricName}`;
  const problems: string[] = [];
  const sets = CONTAINER_INSIGHTS_METRICS.get(m.metricName);
  const keys = Object.keys(m.dimensions).sort();
  if (!sets) problems.push(`${where} is not a metric Container Insights emits.`);
  else if (!sets.some((s) => s.join(",") === keys.join(",")))
    problems.push(`${where} has dimensions (${keys.join(", ")}); Container Insights emits it with ${sets.map((s) => `(${s.join(", ")})`).join(" or ")} only.`);

  // The producer: the add-on on the alarm's cluster, with classic Container Insights on.
  const clusterName = known(() => m.dimensions.ClusterName);
  if (clusterName !== undefined) {
    if (!clustersOf(stack, alarm, m.prop, clusterName).some((c) => producers.clusters.has(c)))
      problems.push(`${label(alarm)}: its ContainerInsights metrics of cluster ${String(clusterName)} have no producer: no ${CONTAINER_INSIGHTS_ADDON} add-on with Container Insights on runs on that cluster in the plan.`);
  }

  // The pods: a workload of the plan named PodName in Namespace, with the limits an over-limit metric needs.
  const podName = known(() => m.dimensions.PodName);
  const namespace = known(() => m.dimensions.Namespace);
  if (typeof podName === "string" && typeof namespace === "string") {
    const workload = producers.workloads.get(`${namespace}/${podName}`);
    if (!workload) problems.push(`${where} watches pods ${namespace}/${podName}, but the plan has no Deployment, StatefulSet or DaemonSet of that name there.`);
    const limit = OVER_LIMIT_METRICS[m.metricName];
    const containers = workload ? ((known(() => podTemplateOf(workload.type, workload.props as Record<string, any>).spec.containers) ?? []) as { name?: string; resources?: { limits?: Record<string, unknown> } }[]) : [];
    const unlimited = containers.filter((c) => c.resources?.limits?.[limit] === undefined).map((c) => c.name ?? "?");
    if (workload && limit && unlimited.length > 0)
      problems.push(`${where} exists only for pods whose every container has a ${limit} limit; container(s) ${unlimited.join(", ")} of ${workload.type.split(":").pop()} '${namespace}/${podName}' have none.`);
  }
  return problems;
}

function loadBalancerProblems(stack: StackIndex, alarm: PolicyResource, m: WatchedMetric): string[] {
  const where = `${label(alarm)}: AWS/ApplicationELB ${m.metricName}`;
  const dims: [string, typeof aws.lb.LoadBalancer | typeof aws.lb.TargetGroup, string][] = [
    ["LoadBalancer", aws.lb.LoadBalancer, "load balancer"],
    ["TargetGroup", aws.lb.TargetGroup, "target group"],
  ];
  return dims
    .filter(([key]) => key in m.dimensions)
    .filter(([, type]) => stack.refs(alarm, m.prop, type).length === 0)
    .map(([key, , what]) => `${where} has dimension ${key}=${String(known(() => m.dimensions[key]))}, which is the arnSuffix of no ${what} in the plan.`);
}

/**
 * Every CloudWatch alarm watches a metric something in the plan emits, with exactly the
 * dimensions it is emitted with: a `ContainerInsights` metric needs the CloudWatch
 * Observability add-on with Container Insights on that cluster, a dimension set the agent
 * emits, a workload of the plan for `Namespace`/`PodName`, and (for the over-limit pod
 * metrics) that limit on every container; an `AWS/ApplicationELB` metric's `LoadBalancer`
 * and `TargetGroup` come from a load balancer and target group of the plan.
 */
export const awsCloudwatchMetricAlarmMetricProduced = stackPolicy(
  {
    name: "aws-cloudwatch-metricalarm-metric-produced",
    description:
      "Every CloudWatch metric alarm watches a metric the plan produces, with the dimensions it is produced with: ContainerInsights metrics need the amazon-cloudwatch-observability add-on with Container Insights on the alarm's cluster, a dimension set the CloudWatch agent emits, a workload of the plan for Namespace/PodName and, for the over-limit pod metrics, that limit on every container; AWS/ApplicationELB dimensions reference a load balancer and target group of the plan.",
    severity: "medium",
    remediationSteps:
      "Install the amazon-cloudwatch-observability add-on (classic Container Insights) on the cluster the alarm names, use a metric and dimension set from the Container Insights metric reference, alarm on pods the plan deploys (a Deployment's name is its pods' PodName), and take ALB dimensions from the load balancer's and target group's arnSuffix outputs.",
    frameworks: ["platform"],
  },
  (stack, args) => {
    const alarms = stack.ofType(aws.cloudwatch.MetricAlarm);
    if (alarms.length === 0) args.notApplicable("The stack has no CloudWatch metric alarm.");
    const findings: StackFinding[] = [];
    const producers = producersOf(stack);
    for (const alarm of alarms) {
      // One message per problem: the metrics of a metric-math alarm often share their dimensions.
      const messages = new Set(
        watchedMetrics(alarm).flatMap((m) =>
          m.namespace === "ContainerInsights" ? containerInsightsProblems(stack, producers, alarm, m) : m.namespace === "AWS/ApplicationELB" ? loadBalancerProblems(stack, alarm, m) : [],
        ),
      );
      for (const message of messages) findings.push({ urn: alarm.urn, message });
    }
    return findings;
  },
);
