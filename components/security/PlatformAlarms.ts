import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { SqlEngine } from "../data/settings";
import {
  ALARM_THRESHOLDS,
  AlarmBase,
  connectionsThreshold,
  databaseConnectionsAlarm,
  loadBalancer5xxAlarm,
  podCpuAlarm,
  podMemoryAlarm,
  targetErrorRateAlarm,
  targetLatencyAlarm,
  targetsUnhealthyAlarm,
} from "./alarms";

/** One service, as its alarms see it. */
interface AlarmedService {
  /**
   * Its database: engine, instance class and RDS identifier.
   * @default - no database, no connections alarm.
   */
  readonly database?: { readonly engine: SqlEngine; readonly instanceClass: string; readonly identifier: string };
  /** The ARN suffix of its edge target group (the CloudWatch `TargetGroup` dimension), which only its API route forwards to. */
  readonly targetGroup: pulumi.Input<string>;
}

export interface PlatformAlarmsArgs {
  /** The prefix of every alarm name, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** The alarm topic: each alarm's ALARM, OK (and for pod metrics INSUFFICIENT_DATA) action. */
  readonly topicArn: pulumi.Input<string>;
  /** The EKS cluster's name (the Container Insights `ClusterName` dimension; the cluster must run the CloudWatch Observability add-on). */
  readonly clusterName: pulumi.Input<string>;
  /** Per service, by name (its namespace and Deployment are both named after it). */
  readonly services: Readonly<Record<string, AlarmedService>>;
  /** The edge ALB's ARN suffix (the CloudWatch `LoadBalancer` dimension of the services' 5xx and latency). */
  readonly loadBalancer: pulumi.Input<string>;
}

/**
 * The stack's CloudWatch alarms, all to the alarm topic. Per service: CPU of its pods
 * against their requests and memory against their limits (Container Insights, from the
 * cluster's CloudWatch Observability add-on), and its database's connections
 * against 80% of the instance class's default `max_connections`, and its target 5xx
 * rate and p95 latency on its own edge target group (its API route's only target). No
 * API-wide alarm: the services' target groups take all the ALB's target traffic (the
 * rest gets the listener's fixed 404, from no target), and in any minute the sum's 5xx
 * rate or p95 breaches only where some service's does.
 */
export class PlatformAlarms extends pulumi.ComponentResource {
  /** The alarm names, by `<service>-<signal>`. */
  public readonly alarmNames: Readonly<Record<string, string>>;

  constructor(name: string, args: PlatformAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:PlatformAlarms", name, {}, opts);
    const names: Record<string, string> = {};
    const alarm = (key: string, description: string, build: (b: AlarmBase) => aws.cloudwatch.MetricAlarmArgs) => {
      const b: AlarmBase = { alarmName: `${args.namePrefix}-${key}`, alarmDescription: description, topicArn: args.topicArn };
      new aws.cloudwatch.MetricAlarm(`${name}-${key}`, build(b), { parent: this });
      names[key] = b.alarmName;
    };
    const t = ALARM_THRESHOLDS;
    for (const [svc, s] of Object.entries(args.services)) {
      const pods = { clusterName: args.clusterName, namespace: svc, podName: svc };
      const targets = { loadBalancer: args.loadBalancer, targetGroup: s.targetGroup };
      alarm(`${svc}-cpu`, `${svc}: pod CPU above ${t.cpuPercent}% of its request for 5 minutes.`, (b) => podCpuAlarm(b, pods, t.cpuPercent));
      alarm(`${svc}-memory`, `${svc}: pod memory above ${t.memoryPercent}% of its limit for 5 minutes.`, (b) => podMemoryAlarm(b, pods, t.memoryPercent));
      if (s.database) {
        const db = s.database;
        const threshold = connectionsThreshold(db.engine, db.instanceClass);
        alarm(`${svc}-db-connections`, `${svc}: ${db.identifier} at ${threshold} connections or more (80% of ${db.engine}'s default max_connections on ${db.instanceClass}).`, (b) =>
          databaseConnectionsAlarm(b, db.identifier, threshold),
        );
      }
      alarm(`${svc}-5xx`, `${svc}: target 5xx responses above ${t.errorRatePercent}% of its API requests in 3 of 5 minutes.`, (b) => targetErrorRateAlarm(b, targets, t.errorRatePercent));
      alarm(`${svc}-latency`, `${svc}: p95 target response time of its API above ${t.latencyP95Seconds}s in 3 of 5 minutes.`, (b) => targetLatencyAlarm(b, targets, t.latencyP95Seconds));
      alarm(`${svc}-no-healthy-targets`, `${svc}: its edge target group had no healthy gateway target in 2 of 5 minutes.`, (b) => targetsUnhealthyAlarm(b, targets));
    }
    alarm("api-elb-5xx", `API: ${t.loadBalancer5xxPerMinute} or more 5xx a minute made by the load balancer itself (no healthy target, timeouts) in 3 of 5 minutes.`, (b) =>
      loadBalancer5xxAlarm(b, args.loadBalancer, t.loadBalancer5xxPerMinute),
    );

    this.alarmNames = names;
    this.registerOutputs({ alarmNames: this.alarmNames });
  }
}
