import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DataPlacement, TrafficSource, createLogGroup, createStoreSecurityGroup } from "./common";
import { DEFAULT_ENGINE_VERSION, SqlEngine } from "./settings";

/** What differs between the engines: port, TLS parameter, log exports, parameter family. */
interface EngineProfile {
  readonly engine: SqlEngine;
  readonly port: number;
  /** The parameter-group family for a major version, e.g. `postgres16`, `mysql8.4`. */
  readonly family: string;
  /** Parameters that force TLS and make the exported logs non-empty. */
  readonly parameters: readonly { readonly name: string; readonly value: string }[];
  /** CloudWatch Logs exports. */
  readonly logExports: readonly string[];
}

/** The engine's profile at `version` (a major version, e.g. `16` or `8.4`). */
function engineProfile(engine: SqlEngine, version: string): EngineProfile {
  if (engine === "postgres") {
    return {
      engine,
      port: 5432,
      family: `postgres${version}`,
      parameters: [
        { name: "rds.force_ssl", value: "1" },
        { name: "log_min_duration_statement", value: "1000" },
      ],
      logExports: ["postgresql", "upgrade"],
    };
  }
  return {
    engine,
    port: 3306,
    family: `mysql${version}`,
    parameters: [
      { name: "require_secure_transport", value: "ON" },
      { name: "slow_query_log", value: "1" },
      { name: "long_query_time", value: "1" },
      { name: "log_output", value: "FILE" },
    ],
    logExports: ["error", "slowquery"],
  };
}

/**
 * The log group RDS exports a log of an instance to, `/aws/rds/instance/<identifier>/<log>`.
 * RDS creates it (unencrypted, never expiring) unless it exists, so the program creates
 * it first, with the service's key and the stack's retention.
 */
export function rdsLogGroupName(identifier: string, log: string): string {
  return `/aws/rds/instance/${identifier}/${log}`;
}

/** The database name inside the instance: `<service>_db` (SQL-safe, never a reserved word). */
function databaseName(service: string): string {
  return `${service.replace(/[^a-zA-Z0-9]/g, "_")}_db`;
}

/** The database user a service connects as with IAM authentication. */
function iamDbUser(service: string): string {
  return `${service.replace(/[^a-zA-Z0-9]/g, "_")}_app`;
}

export interface ServiceDatabaseArgs extends DataPlacement {
  /** The service that owns the database. */
  readonly service: string;
  /** The engine and its size. */
  readonly engine: SqlEngine;
  /** An RDS instance class the engine offers (validated by the settings). */
  readonly instanceClass: string;
  /** Allocated storage, in GiB. */
  readonly storageGb: number;
  /**
   * The storage autoscaling ceiling, in GiB.
   * @default - five times `storageGb`.
   */
  readonly maxStorageGb?: number;
  /**
   * The engine's major version.
   * @default - postgres 16, mysql 8.4.
   */
  readonly engineVersion?: string;
  /** The service's own KMS key: storage, Performance Insights, the master secret and the exported logs (its policy admits CloudWatch Logs). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Where the service's traffic comes from: the only sources the security group admits. */
  readonly sources: readonly TrafficSource[];
  /** The role RDS enhanced monitoring publishes metrics with. */
  readonly monitoringRoleArn: pulumi.Input<string>;
  /**
   * Multi-AZ, deletion protection and a final snapshot.
   * @default - false: single-AZ, deletable, no final snapshot.
   */
  readonly highAvailability?: boolean;
  /** Days of automated backups to keep (1-35). */
  readonly backupRetentionDays: number;
}

/**
 * One service's database: a DB subnet group over the data subnets, a security group that
 * admits only the service's traffic on the engine port, a parameter group forcing TLS,
 * and an RDS instance encrypted with the service's own key, never public, with IAM
 * authentication, exported logs (to log groups created first, encrypted, with the stack's
 * retention), Performance Insights, enhanced monitoring and a master
 * password that only Secrets Manager knows (rotated by RDS).
 */
export class ServiceDatabase extends pulumi.ComponentResource {
  /** The instance's DNS address. */
  public readonly address: pulumi.Output<string>;
  /** `address:port`. */
  public readonly endpoint: pulumi.Output<string>;
  /** The engine port. */
  public readonly port: number;
  /** The engine. */
  public readonly engine: SqlEngine;
  /** The database inside the instance. */
  public readonly databaseName: string;
  /** The user the service connects as with an IAM token. */
  public readonly iamUser: string;
  /** The instance's resource ID (the `rds-db:connect` ARN is built from it). */
  public readonly resourceId: pulumi.Output<string>;
  /** The ARN of the RDS-managed master-user secret. */
  public readonly secretArn: pulumi.Output<string>;
  /** The database's security group. */
  public readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: ServiceDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:ServiceDatabase", name, {}, opts);
    const version = args.engineVersion ?? DEFAULT_ENGINE_VERSION[args.engine];
    const profile = engineProfile(args.engine, version);
    const ha = args.highAvailability ?? false;
    const awsName = `${args.namePrefix}-${args.service}`;

    const subnets = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      { description: `${awsName} database: the private data subnets.`, subnetIds: args.subnetIds, tags: { Name: `${awsName}-db` } },
      { parent: this },
    );
    const sg = createStoreSecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: `${awsName} ${args.engine} database: ${profile.port}/tcp from the ${args.service} service only.`,
        port: profile.port,
        portName: `${args.engine} (${profile.port}/tcp)`,
        sources: args.sources,
        tagName: `${awsName}-db`,
      },
      this,
    );
    const parameters = new aws.rds.ParameterGroup(
      `${name}-params`,
      {
        family: profile.family,
        description: `${awsName} ${args.engine}: TLS required, slow statements logged.`,
        parameters: profile.parameters.map((p) => ({ ...p, applyMethod: "pending-reboot" })),
      },
      { parent: this },
    );
    const logGroups = profile.logExports.map((log) =>
      createLogGroup(`${name}-logs-${log}`, { logName: rdsLogGroupName(awsName, log), kmsKeyArn: args.kmsKeyArn, retentionDays: args.logRetentionDays }, { parent: this, protect: args.protect ?? false }),
    );
    const db = new aws.rds.Instance(
      `${name}-instance`,
      {
        identifier: awsName,
        engine: args.engine,
        engineVersion: version,
        instanceClass: args.instanceClass,
        allocatedStorage: args.storageGb,
        maxAllocatedStorage: args.maxStorageGb ?? args.storageGb * 5,
        storageType: "gp3",
        storageEncrypted: true,
        kmsKeyId: args.kmsKeyArn,
        dbName: databaseName(args.service),
        username: "platform_admin",
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: args.kmsKeyArn,
        iamDatabaseAuthenticationEnabled: true,
        port: profile.port,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [sg.id],
        parameterGroupName: parameters.name,
        publiclyAccessible: false,
        multiAz: ha,
        deletionProtection: ha,
        skipFinalSnapshot: !ha,
        finalSnapshotIdentifier: ha ? `${awsName}-final` : undefined,
        backupRetentionPeriod: args.backupRetentionDays,
        backupWindow: "03:00-04:00",
        maintenanceWindow: "sun:04:30-sun:05:30",
        deleteAutomatedBackups: false,
        copyTagsToSnapshot: true,
        autoMinorVersionUpgrade: true,
        allowMajorVersionUpgrade: false,
        enabledCloudwatchLogsExports: [...profile.logExports],
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: args.kmsKeyArn,
        performanceInsightsRetentionPeriod: 7,
        monitoringInterval: 60,
        monitoringRoleArn: args.monitoringRoleArn,
        caCertIdentifier: "rds-ca-rsa2048-g1",
        tags: { Name: `${awsName}-db` },
      },
      { parent: this, protect: args.protect ?? false, dependsOn: logGroups },
    );

    this.address = db.address;
    this.port = profile.port;
    this.endpoint = pulumi.interpolate`${db.address}:${profile.port}`;
    this.engine = args.engine;
    this.databaseName = databaseName(args.service);
    this.iamUser = iamDbUser(args.service);
    this.resourceId = db.resourceId;
    this.secretArn = db.masterUserSecrets.apply((s) => {
      const arn = s?.[0]?.secretArn;
      if (!arn) throw new pulumi.ResourceError(`${awsName}: RDS returned no master-user secret`, this);
      return arn;
    });
    this.securityGroupId = sg.id;
    this.registerOutputs({ endpoint: this.endpoint, secretArn: this.secretArn, securityGroupId: this.securityGroupId });
  }
}
