import { z } from "zod";
import {
  BUCKET_KINDS,
  DB_ENGINES,
  DB_ENGINE_VERSIONS,
  DB_INSTANCE_CLASSES,
  DataSettings,
  FILESYSTEM_MODES,
  KAFKA_VERSIONS,
  OBJECT_LOCK_MODES,
  REDIS_VERSIONS,
  ServiceDataSettings,
} from "../components/data/settings";
import { conforms } from "./conforms";

// ---------------------------------------------------------------------------------------
// Databases
// ---------------------------------------------------------------------------------------

const databaseSchema = z
  .object({
    /**
     * The database engine of the service's own RDS instance; `none` creates none.
     * @default - `none` (SERVICE_DEFAULTS, stacks/profiles.ts).
     */
    engine: z.enum(DB_ENGINES).describe(DB_ENGINES.join(" | ")),
    /**
     * The RDS instance class (MySQL from `.medium`: Performance Insights needs it).
     * @default - none: required when `engine` is not `none`.
     */
    instanceClass: z
      .string()
      .optional()
      .describe(
        "postgres: db.t3|db.t4g .micro to .2xlarge, db.m5|m6g|m6i|m7g|r5|r6g|r6i|r7g .large to .16xlarge; " +
          "mysql: the same from .medium (Performance Insights needs it)",
      ),
    /**
     * Allocated gp3 storage, in GiB.
     * @default - 20 (SERVICE_DEFAULTS, stacks/profiles.ts).
     */
    storageGb: z.number().int().min(20).max(65536).describe("a whole number of GiB from 20 to 65536"),
    /**
     * The storage autoscaling ceiling, in GiB.
     * @default - five times `storageGb`.
     */
    maxStorageGb: z
      .number()
      .int()
      .min(20)
      .max(65536)
      .optional()
      .describe("a whole number of GiB from 20 to 65536, at least storageGb (storage autoscaling ceiling)"),
    /**
     * The engine's major version (minor versions upgrade automatically).
     * @default - PostgreSQL 16, MySQL 8.4 (DEFAULT_ENGINE_VERSION, components/data/settings.ts).
     */
    engineVersion: z
      .union([z.string(), z.number()])
      // YAML and `--config` read 16 and 8.0 as numbers: 16 → "16", 8.0 → "8.0".
      .transform((v) => (typeof v === "string" ? v : Number.isInteger(v) && v < 10 ? v.toFixed(1) : String(v)))
      .optional()
      .describe(`a major version: postgres ${DB_ENGINE_VERSIONS.postgres.join(" | ")}; mysql ${DB_ENGINE_VERSIONS.mysql.join(" | ")}`),
  })
  .strict()
  .superRefine((db, ctx) => {
    if (db.engine === "none") return;
    if (db.instanceClass === undefined) {
      ctx.addIssue({ code: "custom", path: ["instanceClass"], message: `is missing (a ${db.engine} database needs one)` });
    } else if (!DB_INSTANCE_CLASSES[db.engine].includes(db.instanceClass)) {
      ctx.addIssue({ code: "custom", path: ["instanceClass"], message: `is not an instance class of the ${db.engine} engine family` });
    }
    if (db.engineVersion !== undefined && !DB_ENGINE_VERSIONS[db.engine].includes(db.engineVersion)) {
      ctx.addIssue({ code: "custom", path: ["engineVersion"], message: `is not a supported ${db.engine} major version` });
    }
    if (db.maxStorageGb !== undefined && db.maxStorageGb < db.storageGb) {
      ctx.addIssue({ code: "custom", path: ["maxStorageGb"], message: `is below storageGb ${db.storageGb}` });
    }
  })
  .describe("engine, instanceClass, storageGb, maxStorageGb and engineVersion");

// ---------------------------------------------------------------------------------------
// Per-service data settings
// ---------------------------------------------------------------------------------------

const EVENT_NAME = /^[A-Z][A-Za-z0-9]{2,63}$/;
const TOPIC_NAME = /^[a-z][a-z0-9.-]{1,62}[a-z0-9]$/;
const eventList = z
  .array(z.string().regex(EVENT_NAME).describe("an event type in PascalCase, e.g. OrderPlaced"))
  .describe("a list of event types in PascalCase, e.g. [OrderPlaced]");
const topicList = z
  .array(z.string().regex(TOPIC_NAME).describe("a Kafka topic name: lower case, digits, . and -, e.g. orders.placed"))
  .describe("a list of Kafka topic names, e.g. [orders.placed]");

/**
 * Per-service data settings, merged into each service's settings by `stacks/services.ts`.
 * Kept a plain object schema (refinements live on its fields and in
 * {@link dataProblems}) so it can be merged.
 */
export const serviceDataSchema = conforms<ServiceDataSettings>()(
  z.object({
    /**
     * The service's own database: engine, class, storage and version.
     * @default - see its fields.
     */
    database: databaseSchema,
    /**
     * Whether the service uses the shared Redis (its own ACL user and auth secret).
     * @default - false (SERVICE_DEFAULTS, stacks/profiles.ts).
     */
    cache: z.boolean().describe("true | false"),
    /**
     * The Kafka topics the service produces and consumes (IAM-authorized on the shared MSK cluster).
     * @default - see its fields.
     */
    topics: z
      .object({
        /**
         * Topics the service writes.
         * @default - none (`[]`) (SERVICE_DEFAULTS, stacks/profiles.ts).
         */
        produces: topicList,
        /**
         * Topics the service reads; each must be produced by a service.
         * @default - none (`[]`) (SERVICE_DEFAULTS, stacks/profiles.ts).
         */
        consumes: topicList,
      })
      .strict()
      .describe("produces and consumes: lists of Kafka topic names"),
    /**
     * The EventBridge event types the service publishes and consumes (CloudEvents 1.0, docs/events.md).
     * @default - see its fields.
     */
    events: z
      .object({
        /**
         * Event types the service publishes; each has one publisher.
         * @default - none (`[]`) (SERVICE_DEFAULTS, stacks/profiles.ts).
         */
        publishes: eventList,
        /**
         * Event types delivered to the service's queue; each must be published by a service.
         * @default - none (`[]`) (SERVICE_DEFAULTS, stacks/profiles.ts).
         */
        consumes: eventList,
      })
      .strict()
      .describe("publishes and consumes: lists of event types"),
    /**
     * How the service mounts the shared EFS file system: not at all, read-only or read-write.
     * @default - `none` (SERVICE_DEFAULTS, stacks/profiles.ts).
     */
    filesystem: z.enum(FILESYSTEM_MODES).describe(FILESYSTEM_MODES.join(" | ")),
    /**
     * The S3 bucket the service owns, by purpose (uploads, CloudFront catalog, Object Lock documents).
     * @default - `none` (SERVICE_DEFAULTS, stacks/profiles.ts).
     */
    bucket: z.enum(BUCKET_KINDS).describe(BUCKET_KINDS.join(" | ")),
  }),
);

// ---------------------------------------------------------------------------------------
// Shared data settings
// ---------------------------------------------------------------------------------------

/** The shortest COMPLIANCE retention of order documents: seven years (platform.md). */
const COMPLIANCE_MINIMUM_YEARS = 7;
/** Days in a year, as the Object Lock policy counts them. */
const DAYS_PER_YEAR = 365;

/**
 * The order documents' default Object Lock retention: a mode and either `years` or
 * `days`. COMPLIANCE keeps at least seven years and is what prod runs; GOVERNANCE (dev)
 * lets an operator with `s3:BypassGovernanceRetention` delete locked versions, so the
 * stack can be destroyed.
 */
const documentLockSchema = z
  .object({
    /**
     * The Object Lock mode: COMPLIANCE (no one can shorten a retention) or GOVERNANCE (a principal with
     * `s3:BypassGovernanceRetention` can).
     * @default - dev `GOVERNANCE`, prod `COMPLIANCE` (stacks/profiles.ts).
     */
    mode: z.enum(OBJECT_LOCK_MODES).describe(OBJECT_LOCK_MODES.join(" | ")),
    /**
     * The retention, in years (or set `days`).
     * @default - prod 7; dev sets `days` instead (stacks/profiles.ts).
     */
    years: z.number().int().min(1).max(100).optional().describe("a whole number of years from 1 to 100 (or set days instead)"),
    /**
     * The retention, in days (or set `years`).
     * @default - dev 1; prod sets `years` instead (stacks/profiles.ts).
     */
    days: z.number().int().min(1).max(36500).optional().describe("a whole number of days from 1 to 36500 (or set years instead)"),
  })
  .strict()
  .superRefine((lock, ctx) => {
    if (lock.years === undefined && lock.days === undefined) {
      ctx.addIssue({ code: "custom", path: ["years"], message: "is missing: give exactly one of years and days" });
      return;
    }
    if (lock.years !== undefined && lock.days !== undefined) {
      ctx.addIssue({ code: "custom", path: ["days"], message: `is set together with years ${lock.years}: give exactly one of years and days` });
      return;
    }
    const days = lock.years !== undefined ? lock.years * DAYS_PER_YEAR : (lock.days as number);
    if (lock.mode === "COMPLIANCE" && days < COMPLIANCE_MINIMUM_YEARS * DAYS_PER_YEAR) {
      ctx.addIssue({
        code: "custom",
        path: [lock.years !== undefined ? "years" : "days"],
        message: `is shorter than the ${COMPLIANCE_MINIMUM_YEARS} years (${COMPLIANCE_MINIMUM_YEARS * DAYS_PER_YEAR} days) COMPLIANCE mode keeps order documents`,
      });
    }
  })
  .describe(`mode (${OBJECT_LOCK_MODES.join(" | ")}) and exactly one of years or days; COMPLIANCE keeps at least ${COMPLIANCE_MINIMUM_YEARS} years, and the prod environment needs COMPLIANCE`);

export const dataSchema = conforms<DataSettings>()(
  z
    .object({
      /**
       * Multi-AZ databases, deletion protection, final snapshots and Redis failover.
       * @default - dev false, prod true (stacks/profiles.ts).
       */
      highAvailability: z
        .boolean()
        .describe("true | false (Multi-AZ databases, deletion protection, final snapshots, Redis failover)"),
      /**
       * The shared ElastiCache Redis replication group.
       * @default - see its fields.
       */
      redis: z
        .object({
          /**
           * The cache node type.
           * @default - dev `cache.t4g.small`, prod `cache.m7g.large` (stacks/profiles.ts).
           */
          nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/).describe("an ElastiCache node type such as cache.t4g.small"),
          /**
           * Cache nodes: a primary plus replicas (failover needs 2).
           * @default - dev 1, prod 3 (stacks/profiles.ts).
           */
          nodeCount: z.number().int().min(1).max(6).describe("a whole number from 1 to 6 (a primary plus replicas)"),
          /**
           * The Redis OSS engine version.
           * @default - `7.1` in both environments (stacks/profiles.ts).
           */
          engineVersion: z.enum(REDIS_VERSIONS).describe(REDIS_VERSIONS.join(" | ")),
          /**
           * Days of automatic snapshots kept.
           * @default - dev 1, prod 14 (stacks/profiles.ts).
           */
          snapshotRetentionDays: z.number().int().min(1).max(35).describe("a whole number of days from 1 to 35"),
        })
        .strict()
        .describe("nodeType, nodeCount, engineVersion and snapshotRetentionDays"),
      /**
       * The shared MSK cluster.
       * @default - see its fields.
       */
      kafka: z
        .object({
          /**
           * Brokers per AZ (data subnet).
           * @default - dev 1, prod 2 (stacks/profiles.ts).
           */
          brokersPerAz: z
            .number()
            .int()
            .min(1)
            .max(10)
            .describe("a whole number from 1 to 10 (MSK spreads brokers evenly: the cluster has this many per AZ)"),
          /**
           * The broker instance type.
           * @default - dev `kafka.m7g.large`, prod `kafka.m7g.xlarge` (stacks/profiles.ts).
           */
          instanceType: z
            .string()
            .regex(/^kafka\.(m5|m7g)\.[a-z0-9]+$/)
            .describe("an MSK broker type of the m5 or m7g family, e.g. kafka.m7g.large (multi-VPC connectivity for Firehose needs it)"),
          /**
           * Each broker's EBS volume, in GiB.
           * @default - dev 100, prod 1000 (stacks/profiles.ts).
           */
          volumeGb: z.number().int().min(1).max(16384).describe("a whole number of GiB from 1 to 16384"),
          /**
           * The Kafka version.
           * @default - `3.6.0` in both environments (stacks/profiles.ts).
           */
          version: z.enum(KAFKA_VERSIONS).describe(KAFKA_VERSIONS.join(" | ")),
          /**
           * Partitions of auto-created topics.
           * @default - dev 3, prod 6 (stacks/profiles.ts).
           */
          partitions: z.number().int().min(1).max(100).describe("a whole number from 1 to 100 (partitions of auto-created topics)"),
        })
        .strict()
        .describe("brokersPerAz, instanceType, volumeGb, version and partitions"),
      /**
       * The analytics warehouse (Redshift Serverless).
       * @default - see its fields.
       */
      redshift: z
        .object({
          /**
           * The workgroup's base capacity, in Redshift Processing Units.
           * @default - dev 8, prod 32 (stacks/profiles.ts).
           */
          baseCapacityRpu: z
            .number()
            .int()
            .min(8)
            .max(1024)
            .refine((n) => n % 8 === 0, "is not a multiple of 8")
            .describe("a multiple of 8 from 8 to 1024 (Redshift Processing Units)"),
        })
        .strict()
        .describe("baseCapacityRpu"),
      /**
       * The Firehose delivery into the data lake.
       * @default - see its fields.
       */
      pipeline: z
        .object({
          /**
           * Firehose's buffering interval, in seconds.
           * @default - 300 in both environments (stacks/profiles.ts).
           */
          bufferSeconds: z.number().int().min(0).max(900).describe("a whole number of seconds from 0 to 900"),
          /**
           * Firehose's buffering size, in MiB.
           * @default - dev 64, prod 128 (stacks/profiles.ts).
           */
          bufferMb: z.number().int().min(1).max(128).describe("a whole number of MiB from 1 to 128"),
        })
        .strict()
        .describe("bufferSeconds and bufferMb"),
      /**
       * What every bucket shares: noncurrent versions and the order documents' lock.
       * @default - see its fields.
       */
      buckets: z
        .object({
          /**
           * The order documents' default Object Lock retention: a mode and exactly one of years or days.
           * @default - see its fields.
           */
          documentLock: documentLockSchema,
          /**
           * Days a noncurrent object version is kept before it expires.
           * @default - dev 30, prod 365 (stacks/profiles.ts).
           */
          noncurrentVersionDays: z.number().int().min(1).max(3650).describe("a whole number of days from 1 to 3650"),
        })
        .strict()
        .describe("documentLock and noncurrentVersionDays"),
      /**
       * Days between rotations of the Redis auth secrets.
       * @default - 30 in both environments (stacks/profiles.ts).
       */
      secretRotationDays: z.number().int().min(1).max(90).describe("a whole number of days from 1 to 90"),
      /**
       * Days of automated database backups.
       * @default - dev 7, prod 35 (stacks/profiles.ts).
       */
      backupRetentionDays: z.number().int().min(1).max(35).describe("a whole number of days from 1 to 35"),
    })
    .strict(),
);

// ---------------------------------------------------------------------------------------
// Cross-setting validation
// ---------------------------------------------------------------------------------------

/** One cross-setting problem: where (a settings path) and what is wrong. */
export interface DataProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

/** What {@link dataProblems} reads: the services' data settings and the shared ones. */
export interface DataValidationInput {
  readonly services?: Readonly<Record<string, ServiceDataSettings>>;
  readonly data: DataSettings;
  /**
   * The stack's environment: prod keeps order documents in COMPLIANCE mode.
   * @default - no environment rule is checked.
   */
  readonly environment?: "dev" | "prod";
}

/**
 * Problems that span settings: an event consumed that no service publishes, a topic
 * consumed that no service produces, an event type with two publishers, Redis failover
 * with one node, order documents out of COMPLIANCE mode in prod. Pure: the
 * settings schema turns each into the usual one-line error.
 */
export function dataProblems(input: DataValidationInput): DataProblem[] {
  const problems: DataProblem[] = [];
  const services = Object.entries(input.services ?? {});
  const publishers = new Set(services.flatMap(([, s]) => s.events.publishes));
  const producers = new Set(services.flatMap(([, s]) => s.topics.produces));
  const published = [...publishers].sort().join(" | ") || "none (no service publishes an event)";
  const produced = [...producers].sort().join(" | ") || "none (no service produces a topic)";
  for (const [name, s] of services) {
    s.events.consumes.forEach((event, i) => {
      if (!publishers.has(event)) {
        problems.push({ path: ["services", name, "events", "consumes", i], message: `is not published by any service; published events: ${published}` });
      }
    });
    s.topics.consumes.forEach((topic, i) => {
      if (!producers.has(topic)) {
        problems.push({ path: ["services", name, "topics", "consumes", i], message: `is not produced by any service; produced topics: ${produced}` });
      }
    });
  }
  for (const event of publishers) {
    const owners = services.filter(([, s]) => s.events.publishes.includes(event)).map(([n]) => n).sort();
    if (owners.length > 1) {
      const [, second] = owners;
      const i = input.services?.[second]?.events.publishes.indexOf(event) ?? 0;
      problems.push({ path: ["services", second, "events", "publishes", i], message: `is already published by ${owners[0]}; an event type has one publisher` });
    }
  }
  if (input.environment === "prod" && input.data.buckets.documentLock.mode !== "COMPLIANCE") {
    problems.push({ path: ["data", "buckets", "documentLock", "mode"], message: "is not COMPLIANCE, which the prod environment keeps order documents in" });
  }
  if (input.data.highAvailability && input.data.redis.nodeCount < 2) {
    problems.push({ path: ["data", "redis", "nodeCount"], message: "is below 2, which automatic failover (data.highAvailability) needs" });
  }
  return problems;
}
