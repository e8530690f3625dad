import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { SqlEngine } from "../data/settings";

/** Memory in GiB of the sizes this platform offers (DB_INSTANCE_CLASSES, components/data/settings.ts), per family kind. */
const BURSTABLE_GIB: Record<string, number> = { micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, "2xlarge": 32 };
const GENERAL_GIB: Record<string, number> = { large: 8, xlarge: 16, "2xlarge": 32, "4xlarge": 64, "8xlarge": 128, "12xlarge": 192, "16xlarge": 256 };

/** The memory of an RDS instance class in GiB (`db.t3.medium` → 4; memory-optimised `db.r*` have twice the `db.m*`). */
export function instanceClassMemoryGiB(instanceClass: string): number {
  const m = /^db\.([tmr])\d+g?[a-z]*\.([0-9a-z]+)$/.exec(instanceClass);
  const gib = m && (m[1] === "t" ? BURSTABLE_GIB[m[2]] : GENERAL_GIB[m[2]] * (m[1] === "r" ? 2 : 1));
  if (!gib) throw new Error(`unknown RDS instance class ${instanceClass}: no memory size for it`);
  return gib;
}

/**
 * The engine's default `max_connections` for an instance class (the parameter groups do
 * not override it): PostgreSQL `LEAST({DBInstanceClassMemory/9531392}, 5000)`, MySQL
 * `{DBInstanceClassMemory/12582880}`, with the class's nominal memory.
 */
export function defaultMaxConnections(engine: SqlEngine, instanceClass: string): number {
  const bytes = instanceClassMemoryGiB(instanceClass) * 2 ** 30;
  return engine === "postgres" ? Math.min(Math.floor(bytes / 9531392), 5000) : Math.floor(bytes / 12582880);
}

/** The share of `max_connections` at which the connections alarm fires. */
const DB_CONNECTIONS_ALARM_SHARE = 0.8;

/** The DatabaseConnections threshold: 80% of the default `max_connections`, rounded down. */
export function connectionsThreshold(engine: SqlEngine, instanceClass: string): number {
  return Math.floor(defaultMaxConnections(engine, instanceClass) * DB_CONNECTIONS_ALARM_SHARE);
}

/** The thresholds of the platform's alarms. */
export const ALARM_THRESHOLDS = {
  /**
   * Pod CPU, percent of the pods' CPU request, for 5 minutes. The containers have no CPU
   * limit (only memory limits), and the HPAs scale out at 70% of the request, so usage
   * held above 90% means autoscaling has run out (max replicas) or is not keeping up.
   */
  cpuPercent: 90,
  /** Pod memory, percent of the pods' memory limit, average over 5 minutes. */
  memoryPercent: 80,
  /** A service's target 5xx responses, percent of its API requests, in 3 of 5 minutes. */
  errorRatePercent: 5,
  /** A service's p95 target response time, in seconds, in 3 of 5 minutes. */
  latencyP95Seconds: 1,
  /** 5xx responses the ALB makes itself (no healthy target, a target timing out or resetting), per minute, in 3 of 5 minutes. */
  loadBalancer5xxPerMinute: 10,
} as const;

/** The arguments every alarm shares: its name, description and where it notifies. */
export interface AlarmBase {
  readonly alarmName: string;
  readonly alarmDescription: string;
  readonly topicArn: pulumi.Input<string>;
}

/** When an alarm fires: the comparison and threshold, over 5 one-minute periods. */
interface AlarmCondition {
  readonly comparisonOperator: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold";
  readonly threshold: number;
  /** How many of the 5 periods must breach. */
  readonly datapointsToAlarm: number;
  readonly treatMissingData: "missing" | "notBreaching";
}

/** The frame every alarm shares: its name, description, evaluation and notifications to the topic. */
function alarmFrame(b: AlarmBase, when: AlarmCondition) {
  return { name: b.alarmName, alarmDescription: b.alarmDescription, evaluationPeriods: 5, ...when, alarmActions: [b.topicArn], okActions: [b.topicArn] };
}

/** The Container Insights dimensions of one workload's pods: `PodName` is the Deployment's name for its pods. */
export interface PodDimensions {
  readonly clusterName: pulumi.Input<string>;
  readonly namespace: string;
  readonly podName: string;
}

const podDimensions = (d: PodDimensions) => ({ ClusterName: d.clusterName, Namespace: d.namespace, PodName: d.podName });

/**
 * A service's pod memory against the pods' memory limit: Container Insights'
 * `pod_memory_utilization_over_pod_limit`, which the CloudWatch agent emits for pods
 * whose every container has a memory limit (the service's and the sidecar's do). When
 * the metric is missing the alarm goes to INSUFFICIENT_DATA, which also notifies, so a
 * broken agent shows.
 */
export function podMemoryAlarm(b: AlarmBase, dims: PodDimensions, threshold: number): aws.cloudwatch.MetricAlarmArgs {
  return {
    ...alarmFrame(b, { comparisonOperator: "GreaterThanThreshold", threshold, datapointsToAlarm: 5, treatMissingData: "missing" }),
    namespace: "ContainerInsights",
    metricName: "pod_memory_utilization_over_pod_limit",
    dimensions: podDimensions(dims),
    statistic: "Average",
    period: 60,
    insufficientDataActions: [b.topicArn],
  };
}

/**
 * A service's pod CPU against the pods' CPU request, by metric math on two Container
 * Insights metrics that share the node's CPU as denominator: `pod_cpu_utilization`
 * (usage / node CPU) over `pod_cpu_reserved_capacity` (requests / node CPU). The
 * `pod_cpu_utilization_over_pod_limit` metric exists only for pods whose every container
 * has a CPU limit, and these pods have none, so an alarm on it would never leave
 * INSUFFICIENT_DATA.
 */
export function podCpuAlarm(b: AlarmBase, dims: PodDimensions, threshold: number): aws.cloudwatch.MetricAlarmArgs {
  const metric = (id: string, metricName: string) => ({ id, returnData: false, metric: { namespace: "ContainerInsights", metricName, dimensions: podDimensions(dims), period: 60, stat: "Average" } });
  return {
    ...alarmFrame(b, { comparisonOperator: "GreaterThanThreshold", threshold, datapointsToAlarm: 5, treatMissingData: "missing" }),
    metricQueries: [
      metric("usage", "pod_cpu_utilization"),
      metric("requested", "pod_cpu_reserved_capacity"),
      { id: "ofRequest", label: "Pod CPU (% of its request)", expression: "100 * usage / requested", returnData: true },
    ],
    insufficientDataActions: [b.topicArn],
  };
}

/** The ALB's and target group's CloudWatch dimensions (their ARN suffixes). */
export interface TargetDimensions {
  readonly loadBalancer: pulumi.Input<string>;
  readonly targetGroup: pulumi.Input<string>;
}

/** A target group's target 5xx rate: HTTPCode_Target_5XX_Count / RequestCount in percent (metric math). */
export function targetErrorRateAlarm(b: AlarmBase, dims: TargetDimensions, thresholdPercent: number): aws.cloudwatch.MetricAlarmArgs {
  const dimensions = { LoadBalancer: dims.loadBalancer, TargetGroup: dims.targetGroup };
  const metric = (id: string, metricName: string) => ({ id, returnData: false, metric: { namespace: "AWS/ApplicationELB", metricName, dimensions, period: 60, stat: "Sum" } });
  return {
    ...alarmFrame(b, { comparisonOperator: "GreaterThanThreshold", threshold: thresholdPercent, datapointsToAlarm: 3, treatMissingData: "notBreaching" }),
    metricQueries: [
      metric("errors", "HTTPCode_Target_5XX_Count"),
      metric("requests", "RequestCount"),
      { id: "rate", label: "Target 5xx (% of requests)", expression: "IF(requests > 0, 100 * errors / requests, 0)", returnData: true },
    ],
  };
}

/** A target group's p95 TargetResponseTime in seconds. */
export function targetLatencyAlarm(b: AlarmBase, dims: TargetDimensions, thresholdSeconds: number): aws.cloudwatch.MetricAlarmArgs {
  return {
    ...alarmFrame(b, { comparisonOperator: "GreaterThanThreshold", threshold: thresholdSeconds, datapointsToAlarm: 3, treatMissingData: "notBreaching" }),
    namespace: "AWS/ApplicationELB",
    metricName: "TargetResponseTime",
    dimensions: { LoadBalancer: dims.loadBalancer, TargetGroup: dims.targetGroup },
    extendedStatistic: "p95",
    period: 60,
  };
}

/**
 * A target group with no healthy target: the lowest HealthyHostCount under 1 in 2 of 5
 * minutes. Every service's group holds the same gateway pods, so all of them firing at
 * once means the gateway (or its health port) is down; one alone, that group's binding.
 */
export function targetsUnhealthyAlarm(b: AlarmBase, dims: TargetDimensions): aws.cloudwatch.MetricAlarmArgs {
  return {
    ...alarmFrame(b, { comparisonOperator: "LessThanThreshold", threshold: 1, datapointsToAlarm: 2, treatMissingData: "missing" }),
    namespace: "AWS/ApplicationELB",
    metricName: "HealthyHostCount",
    dimensions: { LoadBalancer: dims.loadBalancer, TargetGroup: dims.targetGroup },
    statistic: "Minimum",
    period: 60,
  };
}

/** The 5xx responses the load balancer makes itself (HTTPCode_ELB_5XX_Count), which no target group's metrics count. */
export function loadBalancer5xxAlarm(b: AlarmBase, loadBalancer: pulumi.Input<string>, perMinute: number): aws.cloudwatch.MetricAlarmArgs {
  return {
    ...alarmFrame(b, { comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: perMinute, datapointsToAlarm: 3, treatMissingData: "notBreaching" }),
    namespace: "AWS/ApplicationELB",
    metricName: "HTTPCode_ELB_5XX_Count",
    dimensions: { LoadBalancer: loadBalancer },
    statistic: "Sum",
    period: 60,
  };
}

/** A database's peak DatabaseConnections against its threshold. */
export function databaseConnectionsAlarm(b: AlarmBase, dbInstanceIdentifier: string, threshold: number): aws.cloudwatch.MetricAlarmArgs {
  return {
    ...alarmFrame(b, { comparisonOperator: "GreaterThanOrEqualToThreshold", threshold, datapointsToAlarm: 3, treatMissingData: "missing" }),
    namespace: "AWS/RDS",
    metricName: "DatabaseConnections",
    dimensions: { DBInstanceIdentifier: dbInstanceIdentifier },
    statistic: "Maximum",
    period: 60,
  };
}
