import { AccountBaseline } from "../components/security/AccountBaseline";
import { AlarmTopic } from "../components/security/AlarmTopic";
import { AuditTrail } from "../components/security/AuditTrail";
import { PlatformAlarms } from "../components/security/PlatformAlarms";
import type { PlatformContext } from "./context";
import type { Tiers } from "./tiers";

/** Alarms per service and for the API, to the stack's encrypted alarm topic (returned: its ARN is an output). */
export function alarmsTier(ctx: PlatformContext, { cluster, edge }: Pick<Tiers, "cluster" | "edge">): AlarmTopic {
  const { settings } = ctx;
  const prefix = ctx.namePrefix;
  const topic = new AlarmTopic("alarms", { identity: ctx.identity, namePrefix: prefix, protect: settings.protectStateful }, { providers: { aws: ctx.aws } });
  new PlatformAlarms(
    "alarms",
    {
      namePrefix: prefix,
      topicArn: topic.topicArn,
      clusterName: cluster.clusterName,
      services: Object.fromEntries(
        Object.entries(settings.services).map(([name, s]) => [
          name,
          // ServiceDatabase names its instance `<prefix>-<service>`.
          { database: s.database.engine !== "none" ? { engine: s.database.engine, instanceClass: s.database.instanceClass as string, identifier: `${prefix}-${name}` } : undefined },
        ]),
      ),
      api: edge.metricDimensions,
    },
    { providers: { aws: ctx.aws } },
  );
  return topic;
}

/** The account's audit and detection services, unless an organisation-wide setup (or another stack) owns them. */
export function accountServicesTier(ctx: PlatformContext, { data }: Pick<Tiers, "data">): void {
  const { settings } = ctx;
  if (settings.security.accountServices !== "create") return;
  const audit = { identity: ctx.identity, namePrefix: ctx.namePrefix, accessLogBucket: data.accessLogBucket, noncurrentVersionDays: settings.data.buckets.noncurrentVersionDays, protect: settings.protectStateful };
  new AuditTrail("audit", { ...audit, logRetentionDays: settings.logRetentionDays }, { providers: { aws: ctx.aws } });
  new AccountBaseline("baseline", audit, { providers: { aws: ctx.aws } });
}
