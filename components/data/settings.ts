/**
 * What the data tier reads from a stack's settings, and the values it accepts: database
 * engines and their versions and instance classes, file system modes, bucket kinds,
 * Object Lock modes, Kafka and Redis versions. The component owns these; `stacks/data.ts`
 * builds its zod schemas from the lists and checks at compile time that the settings it
 * produces satisfy {@link ServiceDataSettings} and {@link DataSettings}.
 */
import type { ObjectLockMode, ObjectLockRetention } from "./SecureBucket";

// ---------------------------------------------------------------------------------------
// Databases
// ---------------------------------------------------------------------------------------

/** The engines a service's database may use; `none` means the service has no database. */
export const DB_ENGINES = ["postgres", "mysql", "none"] as const;
type DbEngine = (typeof DB_ENGINES)[number];
/** An engine that creates a database. */
export type SqlEngine = Exclude<DbEngine, "none">;

const BURSTABLE = ["db.t3", "db.t4g"] as const;
const BURSTABLE_SIZES = ["micro", "small", "medium", "large", "xlarge", "2xlarge"] as const;
const STANDARD = ["db.m5", "db.m6g", "db.m6i", "db.m7g", "db.r5", "db.r6g", "db.r6i", "db.r7g"] as const;
const STANDARD_SIZES = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"] as const;
const classes = (families: readonly string[], sizes: readonly string[]) => families.flatMap((f) => sizes.map((s) => `${f}.${s}`));

/**
 * The RDS instance classes this platform offers per engine family. Every database has
 * Performance Insights on, which RDS for MySQL does not support on `micro` and `small`
 * burstable classes, so MySQL starts at `medium`.
 */
export const DB_INSTANCE_CLASSES: Readonly<Record<SqlEngine, readonly string[]>> = {
  postgres: [...classes(BURSTABLE, BURSTABLE_SIZES), ...classes(STANDARD, STANDARD_SIZES)],
  mysql: [...classes(BURSTABLE, BURSTABLE_SIZES.slice(2)), ...classes(STANDARD, STANDARD_SIZES)],
};

/**
 * Major versions per engine, only those in RDS standard support (the support calendar in
 * policies/lib/supportCalendar.ts holds their end dates; a test checks this list against
 * it). MySQL 8.0 left standard support on 2026-07-31. Only the major version is pinned:
 * minor versions are upgraded automatically by RDS (`autoMinorVersionUpgrade`).
 */
export const DB_ENGINE_VERSIONS: Readonly<Record<SqlEngine, readonly string[]>> = {
  postgres: ["14", "15", "16", "17"],
  mysql: ["8.4"],
};

/** The version a database gets when its settings name none (PostgreSQL 16: standard support until 2029-02-28; MySQL 8.4: until 2029-07-31). */
export const DEFAULT_ENGINE_VERSION: Readonly<Record<SqlEngine, string>> = { postgres: "16", mysql: "8.4" };

// ---------------------------------------------------------------------------------------
// Per-service data needs
// ---------------------------------------------------------------------------------------

/** How a service mounts the shared EFS configuration file system. */
export const FILESYSTEM_MODES = ["none", "ro", "rw"] as const;
export type FilesystemMode = (typeof FILESYSTEM_MODES)[number];

/**
 * The bucket a service owns, by purpose:
 * - `uploads`: user uploads (SSE-KMS, private);
 * - `catalog`: public-facing media served only through CloudFront with origin access control;
 * - `documents`: records kept under Object Lock for the retention of `data.buckets.documentLock`
 *   (COMPLIANCE for 7 years in prod; GOVERNANCE for a short time in dev, so dev can be destroyed).
 */
export const BUCKET_KINDS = ["none", "uploads", "catalog", "documents"] as const;
type BucketKind = (typeof BUCKET_KINDS)[number];

// ---------------------------------------------------------------------------------------
// Shared stores
// ---------------------------------------------------------------------------------------

/** The Object Lock modes: COMPLIANCE (no one can shorten or remove a retention) and GOVERNANCE (principals with `s3:BypassGovernanceRetention` can). */
export const OBJECT_LOCK_MODES = ["COMPLIANCE", "GOVERNANCE"] as const satisfies readonly ObjectLockMode[];
/** MSK Kafka versions the pipeline is built and tested with. */
export const KAFKA_VERSIONS = ["3.6.0", "3.7.x"] as const;
type KafkaVersion = (typeof KAFKA_VERSIONS)[number];

/** ElastiCache Redis OSS engine versions the cache is built with. */
export const REDIS_VERSIONS = ["7.0", "7.1"] as const;
type RedisVersion = (typeof REDIS_VERSIONS)[number];

// ---------------------------------------------------------------------------------------
// What DataTier reads
// ---------------------------------------------------------------------------------------

/** A service's database. */
interface ServiceDatabaseSettings {
  /** The engine; `none` creates no database. */
  readonly engine: DbEngine;
  /**
   * The RDS instance class; the settings require one for a SQL engine.
   * @default - none (only with `engine: none`).
   */
  readonly instanceClass?: string;
  /** Allocated storage, in GiB. */
  readonly storageGb: number;
  /**
   * The storage autoscaling ceiling, in GiB.
   * @default - no storage autoscaling.
   */
  readonly maxStorageGb?: number;
  /**
   * The major engine version.
   * @default - {@link DEFAULT_ENGINE_VERSION} of the engine.
   */
  readonly engineVersion?: string;
}

/** One service's data needs: what DataTier creates and grants for it. */
export interface ServiceDataSettings {
  /** Its own database (or none). */
  readonly database: ServiceDatabaseSettings;
  /** Whether it uses the shared Redis. */
  readonly cache: boolean;
  /** The Kafka topics it produces and consumes. */
  readonly topics: { readonly produces: readonly string[]; readonly consumes: readonly string[] };
  /** The event types it publishes to and consumes from the event bus. */
  readonly events: { readonly publishes: readonly string[]; readonly consumes: readonly string[] };
  /** How it mounts the shared EFS file system. */
  readonly filesystem: FilesystemMode;
  /** The bucket it owns, by purpose. */
  readonly bucket: BucketKind;
}

/** The tier's shared settings: HA, Redis, Kafka, Redshift, the pipeline, buckets, rotation and backups. */
export interface DataSettings {
  /** Multi-AZ databases, deletion protection, final snapshots, Redis failover. */
  readonly highAvailability: boolean;
  readonly redis: {
    readonly nodeType: string;
    readonly nodeCount: number;
    readonly engineVersion: RedisVersion;
    /** Days of automatic snapshots kept. */
    readonly snapshotRetentionDays: number;
  };
  readonly kafka: {
    /** Brokers per AZ (data subnet). */
    readonly brokersPerAz: number;
    readonly instanceType: string;
    /** Each broker's EBS volume, in GiB. */
    readonly volumeGb: number;
    readonly version: KafkaVersion;
    /** Partitions of auto-created topics. */
    readonly partitions: number;
  };
  readonly redshift: {
    /** Redshift Serverless base capacity, in RPUs. */
    readonly baseCapacityRpu: number;
  };
  readonly pipeline: {
    /** Firehose buffering interval, in seconds. */
    readonly bufferSeconds: number;
    /** Firehose buffering size, in MiB. */
    readonly bufferMb: number;
  };
  readonly buckets: {
    /** The order documents' default Object Lock retention. */
    readonly documentLock: ObjectLockRetention;
    /** Days a noncurrent object version is kept. */
    readonly noncurrentVersionDays: number;
  };
  /** Days between rotations of the Redis auth token. */
  readonly secretRotationDays: number;
  /** Days of automated database backups. */
  readonly backupRetentionDays: number;
}

