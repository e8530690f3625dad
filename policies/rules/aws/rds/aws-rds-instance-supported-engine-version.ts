import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";
import { AS_OF_CONFIG_SCHEMA, CalendarConfig, SupportProductKey, supportProblem } from "../../../lib/supportCalendar";

/** The calendar product of each RDS engine the platform runs. */
const ENGINES: Readonly<Record<string, SupportProductKey>> = { postgres: "rds:postgres", mysql: "rds:mysql" };

/** Databases run an engine major version still in RDS standard support. */
export const awsRdsInstanceSupportedEngineVersion = resourcePolicy(
  {
    name: "aws-rds-instance-supported-engine-version",
    description:
      "RDS instances pin an engine major version that is still in RDS standard support on the configured as-of date of the support calendar (past it, RDS enrols the instance in paid Extended Support).",
    severity: "medium",
    remediationSteps: "Set engineVersion to a major version in standard support (e.g. postgres 16, mysql 8.4) with the matching parameter-group family, and plan the major upgrade before the end date.",
    frameworks: ["platform"],
    configSchema: AS_OF_CONFIG_SCHEMA,
  },
  aws.rds.Instance,
  (db, args) => {
    const { asOf } = args.getConfig<CalendarConfig>();
    const engine = String(db.engine ?? "");
    const product = ENGINES[engine];
    if (!product) return `engine ${engine || "(none)"} is not in the support calendar (known: ${Object.keys(ENGINES).join(", ")}), so its support cannot be checked.`;
    if (!db.engineVersion) return `engineVersion is not pinned, so RDS picks the ${engine} default and may leave standard support unnoticed.`;
    return supportProblem(product, String(db.engineVersion), asOf);
  },
);
