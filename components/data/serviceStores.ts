import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DataSettings } from "./settings";
import { managedPolicyArn, serviceTrustPolicy } from "../shared/iam";
import type { AwsIdentity } from "../shared/identity";
import { createKmsKey, logsGrant } from "../shared/kms";
import { DataPlacement, trafficSources } from "./common";
import type { DataService } from "./common";
import { CloudFrontEdgeOptions, SecureBucket } from "./SecureBucket";
import { ServiceDatabase } from "./ServiceDatabase";

export interface ServiceKeysArgs {
  /** The account, partition and region (the key policies). */
  readonly identity: AwsIdentity;
  /** The prefix of aliases and descriptions. */
  readonly namePrefix: string;
  /** The services, by name: each role is its key's user. */
  readonly services: Readonly<Record<string, DataService>>;
  /**
   * Protect the keys.
   * @default - false.
   */
  readonly protect?: boolean;
}

/**
 * One KMS key per service (`<name>-<svc>-key`, alias `<prefix>/<svc>`): its database,
 * its secret, Performance Insights and (through CloudWatch Logs) its database logs,
 * used by the service's role.
 */
export function createServiceKeys(name: string, args: ServiceKeysArgs, parent: pulumi.Resource): Record<string, aws.kms.Key> {
  return Object.fromEntries(
    Object.keys(args.services)
      .sort()
      .map((n) => [
        n,
        createKmsKey(
          `${name}-${n}-key`,
          {
            description: `${args.namePrefix} ${n} service: its database, secret, Performance Insights and database logs`,
            identity: args.identity,
            userRoleArns: [args.services[n].roleArn],
            // CloudWatch Logs encrypts the database's log-export groups with it.
            services: [logsGrant(args.identity)],
            alias: `${args.namePrefix}/${n}`,
          },
          { parent, protect: args.protect ?? false },
        ),
      ]),
  );
}

export interface ServiceDatabasesArgs {
  /** Where the databases live. */
  readonly placement: DataPlacement;
  /** The services, by name; those with a database engine get one. */
  readonly services: Readonly<Record<string, DataService>>;
  /** Each service's key (from {@link createServiceKeys}). */
  readonly keys: Readonly<Record<string, aws.kms.Key>>;
  /** The application tier's security group, for services without their own pod group. */
  readonly appSecurityGroupId: pulumi.Input<string>;
  /** Multi-AZ. */
  readonly highAvailability: DataSettings["highAvailability"];
  /** Automated backup retention, in days. */
  readonly backupRetentionDays: DataSettings["backupRetentionDays"];
}

/**
 * The RDS enhanced-monitoring role (`<name>-rds-monitoring`, trusted by RDS monitoring
 * in this account) and one database per service that declares an engine
 * (`<name>-<svc>-db`), encrypted with the service's key and reachable from its pods only.
 */
export function createServiceDatabases(name: string, args: ServiceDatabasesArgs, parent: pulumi.Resource): Record<string, ServiceDatabase> {
  const id = args.placement.identity;
  const monitoringRole = new aws.iam.Role(
    `${name}-rds-monitoring`,
    { description: "RDS enhanced monitoring publishes OS metrics.", assumeRolePolicy: serviceTrustPolicy("monitoring.rds.amazonaws.com", { sourceAccount: id.accountId }) },
    { parent },
  );
  new aws.iam.RolePolicyAttachment(
    `${name}-rds-monitoring-policy`,
    { role: monitoringRole.name, policyArn: managedPolicyArn(id.partition, "service-role/AmazonRDSEnhancedMonitoringRole") },
    { parent },
  );
  const databases: Record<string, ServiceDatabase> = {};
  for (const n of Object.keys(args.services).sort()) {
    const db = args.services[n].settings.database;
    if (db.engine === "none") continue;
    databases[n] = new ServiceDatabase(
      `${name}-${n}-db`,
      {
        ...args.placement,
        service: n,
        engine: db.engine,
        instanceClass: db.instanceClass as string,
        storageGb: db.storageGb,
        maxStorageGb: db.maxStorageGb,
        engineVersion: db.engineVersion,
        kmsKeyArn: args.keys[n].arn,
        sources: trafficSources([n], args.services, args.appSecurityGroupId),
        monitoringRoleArn: monitoringRole.arn,
        highAvailability: args.highAvailability,
        backupRetentionDays: args.backupRetentionDays,
      },
      { parent },
    );
  }
  return databases;
}

export interface ServiceBucketsArgs {
  /** The account, partition and region. */
  readonly identity: AwsIdentity;
  /** The prefix of bucket names and key aliases. */
  readonly namePrefix: string;
  /** The services, by name; those with a bucket kind get one. */
  readonly services: Readonly<Record<string, DataService>>;
  /** The bucket the server access logs go to. */
  readonly accessLogBucket: pulumi.Input<string>;
  /** The bucket settings (versions kept, the documents' Object Lock). */
  readonly buckets: DataSettings["buckets"];
  /**
   * The catalog distribution's WAF web ACL and custom domain.
   * @default - no web ACL, the cloudfront.net name and CloudFront's default certificate.
   */
  readonly catalogEdge?: CloudFrontEdgeOptions;
  /**
   * Protect the buckets and their keys.
   * @default - false.
   */
  readonly protect?: boolean;
}

/**
 * One bucket per service that declares a kind (`<name>-<svc>-<kind>`): access-logged,
 * versioned, `documents` under Object Lock, a `catalog` behind CloudFront.
 */
export function createServiceBuckets(name: string, args: ServiceBucketsArgs, parent: pulumi.Resource): Record<string, SecureBucket> {
  const buckets: Record<string, SecureBucket> = {};
  for (const n of Object.keys(args.services).sort()) {
    const kind = args.services[n].settings.bucket;
    if (kind === "none") continue;
    buckets[n] = new SecureBucket(
      `${name}-${n}-${kind}`,
      {
        identity: args.identity,
        namePrefix: args.namePrefix,
        role: `${n}-${kind}`,
        description: `${args.namePrefix} ${n} service ${kind}`,
        accessLogs: { kind: "bucket", bucket: args.accessLogBucket },
        noncurrentVersionDays: args.buckets.noncurrentVersionDays,
        objectLock: kind === "documents" ? args.buckets.documentLock : undefined,
        cloudFront: kind === "catalog",
        cloudFrontEdge: kind === "catalog" ? args.catalogEdge : undefined,
        protect: args.protect ?? false,
      },
      { parent },
    );
  }
  return buckets;
}
