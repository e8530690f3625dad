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
  /** Pod CPU, percent of the pods' CPU limit, average over 5 minutes. */
  cpuPercent: 80,
  /** Pod memory, percent of the pods' memory limit, average over 5 minutes. */
  memoryPercent: 80,
  /** The API's target 5xx responses, percent of its requests, in 3 of 5 minutes. */
  errorRatePercent: 5,
  /** The API's p95 target response time, in seconds, in 3 of 5 minutes. */
  latencyP95Seconds: 1,
} as const;

/** The arguments every alarm shares: its name, description and where it notifies. */
export interface AlarmBase {
  readonly alarmName: string;
  readonly alarmDescription: string;
  readonly topicArn: pulumi.Input<string>;
}

/** When an alarm fires: the comparison and threshold, over 5 one-minute periods. */
interface AlarmCondition {
  readonly comparisonOperator: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold";
  readonly threshold: number;
  /** How many of the 5 periods must breach. */
  readonly datapointsToAlarm: number;
  readonly treatMissingData: "missing" | "notBreaching";
}

/** The frame every alarm shares: its name, description, evaluation and notifications to the topic. */
function alarmFrame(b: AlarmBase, when: AlarmCondition) {
  return { name: b.alarmName, alarmDescription: b.alarmDescription, evaluationPeriods: 5, ...when, alarmActions: [b.topicArn], okActions: [b.topicArn] };
}

/**
 * A Container Insights pod metric (`pod_cpu_utilization_over_pod_limit` or
 * `pod_memory_utilization_over_pod_limit`) of one service's pods. The metrics come from
 * the CloudWatch Observability add-on (Container Insights); when they are missing the
 * alarm goes to INSUFFICIENT_DATA, which also notifies, so an absent agent shows.
 */
export function podUtilizationAlarm(
  b: AlarmBase,
  metric: "pod_cpu_utilization_over_pod_limit" | "pod_memory_utilization_over_pod_limit",
  dims: { clusterName: pulumi.Input<string>; namespace: string; podName: string },
  threshold: number,
): aws.cloudwatch.MetricAlarmArgs {
  return {
    ...alarmFrame(b, { comparisonOperator: "GreaterThanThreshold", threshold, datapointsToAlarm: 5, treatMissingData: "missing" }),
    namespace: "ContainerInsights",
    metricName: metric,
    dimensions: { ClusterName: dims.clusterName, Namespace: dims.namespace, PodName: dims.podName },
    statistic: "Average",
    period: 60,
    insufficientDataActions: [b.topicArn],
  };
}

/** The ALB's and target group's CloudWatch dimensions (their ARN suffixes). */
export interface TargetDimensions {
  readonly loadBalancer: pulumi.Input<string>;
  readonly targetGroup: pulumi.Input<string>;
}

/** The API's target 5xx rate: HTTPCode_Target_5XX_Count / RequestCount in percent (metric math). */
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

/** The API's p95 TargetResponseTime in seconds. */
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
