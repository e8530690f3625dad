import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { createKmsKey, logsGrant } from "../shared/kms";
import { policyDocument, serviceTrustPolicy } from "../shared/iam";
import { DataPlacement, TrafficSource, createLogGroup, createStoreSecurityGroup } from "./common";

/** The Redis port. */
const REDIS_PORT = 6379;

/**
 * The rotation Lambda's runtime. nodejs20.x reached Lambda deprecation on 2026-04-30
 * (function creates blocked from 2026-08-31); nodejs24.x is supported until 2028-04-30
 * (support calendar, policies/lib/supportCalendar.ts). The handler is an async ES module
 * using the AWS SDK v3 clients the runtime bundles, which nodejs24.x requires (it drops
 * callback-style handlers).
 */
export const ROTATION_RUNTIME = "nodejs24.x";
/** Where the rotation function's code lives (packaged as is: it only uses the runtime's SDK). */
export const ROTATION_CODE_DIR = path.join(__dirname, "lambda", "redis-auth-rotation");

export interface CacheArgs extends DataPlacement {
  /** The node type, e.g. `cache.t4g.small`. */
  readonly nodeType: string;
  /** Nodes in the group: one primary plus replicas. */
  readonly nodeCount: number;
  /** The Redis OSS engine version (`7.0`, `7.1`). */
  readonly engineVersion: string;
  /** Days of daily snapshots to keep. */
  readonly snapshotRetentionDays: number;
  /**
   * Multi-AZ with automatic failover (needs two nodes or more) and a final snapshot.
   * @default - false: one AZ, no failover.
   */
  readonly highAvailability?: boolean;
  /** The services with `cache: true`: the only sources the security group admits. */
  readonly sources: readonly TrafficSource[];
  /** Days between rotations of the AUTH token (at most 90). */
  readonly rotationDays: number;
}

/**
 * Redis (ElastiCache replication group) in the data subnets: encrypted at rest with its
 * own key and in transit, AUTH token from `@pulumi/random` kept in Secrets Manager and
 * rotated by a Lambda function (ROTATE then SET, so clients never lose access), slow
 * log to an encrypted log group, snapshots kept, Multi-AZ with failover when HA.
 */
export class Cache extends pulumi.ComponentResource {
  /** The primary endpoint's address. */
  public readonly primaryEndpoint: pulumi.Output<string>;
  /** The reader endpoint's address. */
  public readonly readerEndpoint: pulumi.Output<string>;
  /** The Redis port. */
  public readonly port: number;
  /** The secret with `{replicationGroupId, host, port, authToken}`. */
  public readonly authSecretArn: pulumi.Output<string>;
  /** The key that encrypts the cache, its secret and its logs. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** The cache's security group. */
  public readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:Cache", name, {}, opts);
    const stateful = { parent: this, protect: args.protect ?? false };
    const awsName = `${args.namePrefix}-redis`;
    const ha = (args.highAvailability ?? false) && args.nodeCount >= 2;

    const key = createKmsKey(
      `${name}-key`,
      { description: `${awsName}: cache data, AUTH secret and logs`, identity: args.identity, services: [logsGrant(args.identity)], alias: `${args.namePrefix}/redis` },
      stateful,
    );
    const subnets = new aws.elasticache.SubnetGroup(
      `${name}-subnets`,
      { name: awsName, description: `${awsName}: the private data subnets.`, subnetIds: args.subnetIds },
      { parent: this },
    );
    const sg = createStoreSecurityGroup(
      `${name}-sg`,
      { vpcId: args.vpcId, description: `${awsName}: ${REDIS_PORT}/tcp from the services with a cache only.`, port: REDIS_PORT, portName: `Redis (${REDIS_PORT}/tcp)`, sources: args.sources, tagName: awsName },
      this,
    );
    const slowLog = createLogGroup(`${name}-slow-log`, { logName: `/${args.namePrefix}/redis/slow-log`, kmsKeyArn: key.arn, retentionDays: args.logRetentionDays }, stateful);
    const token = new random.RandomPassword(`${name}-auth-token`, { length: 64, special: false }, { parent: this });
    const group = new aws.elasticache.ReplicationGroup(
      `${name}-group`,
      {
        replicationGroupId: awsName,
        description: `${awsName}: shared cache of the services.`,
        engine: "redis",
        engineVersion: args.engineVersion,
        nodeType: args.nodeType,
        numCacheClusters: args.nodeCount,
        port: REDIS_PORT,
        subnetGroupName: subnets.name,
        securityGroupIds: [sg.id],
        atRestEncryptionEnabled: true,
        kmsKeyId: key.arn,
        transitEncryptionEnabled: true,
        authToken: token.result,
        automaticFailoverEnabled: ha,
        multiAzEnabled: ha,
        snapshotRetentionLimit: args.snapshotRetentionDays,
        snapshotWindow: "02:00-03:00",
        maintenanceWindow: "sun:05:00-sun:06:00",
        finalSnapshotIdentifier: ha ? `${awsName}-final` : undefined,
        autoMinorVersionUpgrade: true,
        applyImmediately: false,
        logDeliveryConfigurations: [{ destination: slowLog.name, destinationType: "cloudwatch-logs", logFormat: "json", logType: "slow-log" }],
        tags: { Name: awsName },
      },
      // The rotation function owns the token after creation.
      { ...stateful, ignoreChanges: ["authToken"] },
    );

    const secret = new aws.secretsmanager.Secret(
      `${name}-auth-secret`,
      { namePrefix: `${args.namePrefix}/redis/auth-`, description: `${awsName}: AUTH token and endpoint.`, kmsKeyId: key.arn, recoveryWindowInDays: 30 },
      stateful,
    );
    new aws.secretsmanager.SecretVersion(
      `${name}-auth-secret-value`,
      {
        secretId: secret.id,
        secretString: pulumi.jsonStringify({ replicationGroupId: group.id, host: group.primaryEndpointAddress, port: REDIS_PORT, authToken: token.result }),
      },
      // Rotation writes new versions; the program must not write the first token back.
      { parent: this, ignoreChanges: ["secretString"] },
    );

    const functionName = `${awsName}-auth-rotation`;
    const fnLogs = createLogGroup(`${name}-rotation-logs`, { logName: `/aws/lambda/${functionName}`, kmsKeyArn: key.arn, retentionDays: args.logRetentionDays }, stateful);
    const role = new aws.iam.Role(
      `${name}-rotation-role`,
      { description: `Rotates the AUTH token of ${awsName}.`, assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", { sourceAccount: args.identity.accountId }) },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-rotation-policy`,
      {
        role: role.id,
        policy: policyDocument([
          {
            Sid: "RotateTheSecret",
            Effect: "Allow",
            Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"],
            Resource: secret.arn,
          },
          { Sid: "UseTheKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: key.arn },
          { Sid: "ChangeTheToken", Effect: "Allow", Action: ["elasticache:ModifyReplicationGroup", "elasticache:DescribeReplicationGroups"], Resource: group.arn },
          { Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${fnLogs.arn}:*` },
        ]),
      },
      { parent: this },
    );
    const fn = new aws.lambda.Function(
      `${name}-rotation`,
      {
        name: functionName,
        description: `Rotates the AUTH token of ${awsName} (ROTATE, then SET on the next rotation).`,
        runtime: ROTATION_RUNTIME,
        handler: "index.handler",
        code: new pulumi.asset.FileArchive(ROTATION_CODE_DIR),
        role: role.arn,
        timeout: 900,
        memorySize: 256,
        loggingConfig: { logFormat: "JSON", logGroup: fnLogs.name },
      },
      { parent: this },
    );
    const invoke = new aws.lambda.Permission(
      `${name}-rotation-invoke`,
      { action: "lambda:InvokeFunction", function: fn.name, principal: "secretsmanager.amazonaws.com", sourceArn: secret.arn, sourceAccount: args.identity.accountId },
      { parent: this },
    );
    new aws.secretsmanager.SecretRotation(
      `${name}-auth-rotation`,
      { secretId: secret.id, rotationLambdaArn: fn.arn, rotationRules: { automaticallyAfterDays: args.rotationDays }, rotateImmediately: false },
      { parent: this, dependsOn: [invoke] },
    );

    this.primaryEndpoint = group.primaryEndpointAddress;
    this.readerEndpoint = group.readerEndpointAddress;
    this.port = REDIS_PORT;
    this.authSecretArn = secret.arn;
    this.kmsKeyArn = key.arn;
    this.securityGroupId = sg.id;
    this.registerOutputs({ primaryEndpoint: this.primaryEndpoint, authSecretArn: this.authSecretArn, kmsKeyArn: this.kmsKeyArn });
  }
}
