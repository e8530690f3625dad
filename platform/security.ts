import { AccountBaseline } from "../components/security/AccountBaseline";
import { AlarmTopic } from "../components/security/AlarmTopic";
import { AuditTrail } from "../components/security/AuditTrail";
import { PlatformAlarms } from "../components/security/PlatformAlarms";
import type { PlatformContext } from "./context";
import type { Tiers } from "./tiers";

/** The stack's KMS-encrypted alarm topic: CloudWatch alarms and Alertmanager publish to it (its ARN is an output). */
export function alarmTopicTier(ctx: PlatformContext): AlarmTopic {
  return new AlarmTopic("alarms", { identity: ctx.identity, namePrefix: ctx.namePrefix, protect: ctx.settings.protectStateful }, { providers: { aws: ctx.aws } });
}

/** CloudWatch alarms per service (pods, database, its API's 5xx and latency), to the alarm topic. */
export function platformAlarmsTier(ctx: PlatformContext, { cluster, edge, alarms }: Pick<Tiers, "cluster" | "edge" | "alarms">): PlatformAlarms {
  const { settings } = ctx;
  const prefix = ctx.namePrefix;
  const topic = alarms;
  return new PlatformAlarms(
    "alarms",
    {
      namePrefix: prefix,
      topicArn: topic.topicArn,
      clusterName: cluster.clusterName,
      services: Object.fromEntries(
        Object.entries(settings.services).map(([name, s]) => [
          name,
          // ServiceDatabase names its instance `<prefix>-<service>`.
          {
            database: s.database.engine !== "none" ? { engine: s.database.engine, instanceClass: s.database.instanceClass as string, identifier: `${prefix}-${name}` } : undefined,
            targetGroup: edge.metricDimensions.targetGroups[name],
          },
        ]),
      ),
      loadBalancer: edge.metricDimensions.loadBalancer,
    },
    { providers: { aws: ctx.aws } },
  );
}

/** The account's audit and detection services, unless an organisation-wide setup (or another stack) owns them. */
export function accountServicesTier(ctx: PlatformContext, { data }: Pick<Tiers, "data">): void {
  const { settings } = ctx;
  if (settings.security.accountServices !== "create") return;
  const audit = { identity: ctx.identity, namePrefix: ctx.namePrefix, accessLogBucket: data.accessLogBucket, noncurrentVersionDays: settings.data.buckets.noncurrentVersionDays, protect: settings.protectStateful };
  new AuditTrail("audit", { ...audit, logRetentionDays: settings.logRetentionDays }, { providers: { aws: ctx.aws, random: ctx.random } });
  new AccountBaseline("baseline", audit, { providers: { aws: ctx.aws, random: ctx.random } });
}
