import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createKmsKey, logsGrant } from "../shared/kms";
import { policyDocument, serviceTrustPolicy } from "../shared/iam";
import { DataPlacement, createLogGroup } from "./common";
import { kafkaResourceArn } from "./Kafka";
import { SecureBucket } from "./SecureBucket";

/** The Redshift Serverless port. */
const REDSHIFT_PORT = 5439;

/** The audit logs the namespace exports to CloudWatch Logs. */
const REDSHIFT_LOG_EXPORTS = ["userlog", "connectionlog", "useractivitylog"] as const;

/**
 * The log group Redshift Serverless exports a log type of a namespace to,
 * `/aws/redshift/<namespace>/<log type>`. Redshift creates it (unencrypted, never
 * expiring) unless it exists, so the program creates it first.
 */
export function redshiftLogGroupName(namespace: string, logType: string): string {
  return `/aws/redshift/${namespace}/${logType}`;
}

export interface AnalyticsPipelineArgs extends DataPlacement {
  /** The MSK cluster Firehose reads from. */
  readonly clusterArn: pulumi.Input<string>;
  /** The topics to land in the data lake: one Firehose stream each. */
  readonly topics: readonly string[];
  /** What the streams wait for: the cluster policy admitting Firehose and the topics. */
  readonly sourceReady: pulumi.Input<pulumi.Resource>[];
  /** The access-log bucket the data lake logs to. */
  readonly accessLogBucket: pulumi.Input<string>;
  /** Days before a noncurrent data-lake object version expires. */
  readonly noncurrentVersionDays: number;
  /** Firehose buffering: seconds. */
  readonly bufferSeconds: number;
  /** Firehose buffering: MiB. */
  readonly bufferMb: number;
  /** Redshift Serverless base capacity, in RPUs. */
  readonly baseCapacityRpu: number;
  /**
   * The security group of the VPC's interface endpoints, S3's among them. Its private DNS
   * answers every resolver in the VPC, so with enhanced VPC routing Redshift reaches S3 at
   * the endpoint's addresses: the workgroup's group sends HTTPS there.
   */
  readonly endpointSecurityGroupId: pulumi.Input<string>;
}

/**
 * The analytics path: one Firehose stream per topic with the MSK cluster as its source
 * (private connectivity, IAM auth), landing GZIP objects under `topics/<topic>/` in a
 * KMS-encrypted data-lake bucket; a Redshift Serverless namespace (own key, admin password
 * managed by Secrets Manager, all three log exports to log groups created first with the key
 * and the stack's retention) whose default IAM role reads the lake (`COPY` / Spectrum), and
 * a private workgroup in the data subnets with enhanced VPC routing, whose security group
 * sends HTTPS to the S3 interface endpoint (what S3's private DNS resolves to) and to the
 * S3 gateway endpoint's prefix list. Firehose does not deliver to Redshift directly because
 * that needs a publicly reachable workgroup; the lake is the hand-off.
 */
export class AnalyticsPipeline extends pulumi.ComponentResource {
  /** The data-lake bucket. */
  public readonly dataLakeBucket: pulumi.Output<string>;
  /** The data-lake bucket's key. */
  public readonly dataLakeKeyArn: pulumi.Output<string>;
  /** The Firehose stream ARNs, by topic. */
  public readonly streamArns: Readonly<Record<string, pulumi.Output<string>>>;
  /** The Redshift Serverless workgroup's name. */
  public readonly workgroupName: pulumi.Output<string>;
  /** The Redshift Serverless namespace's name. */
  public readonly namespaceName: pulumi.Output<string>;
  /** The secret Redshift manages for the admin password. */
  public readonly adminSecretArn: pulumi.Output<string>;
  /** The key that encrypts Redshift, the delivery logs and the admin secret. */
  public readonly kmsKeyArn: pulumi.Output<string>;

  constructor(name: string, args: AnalyticsPipelineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:AnalyticsPipeline", name, {}, opts);
    const stateful = { parent: this, protect: args.protect ?? false };
    const awsName = `${args.namePrefix}-analytics`;

    const lake = new SecureBucket(
      `${name}-lake`,
      {
        identity: args.identity,
        namePrefix: args.namePrefix,
        role: "data-lake",
        description: `${args.namePrefix} data lake: Kafka topics landed by Firehose`,
        accessLogs: { kind: "bucket", bucket: args.accessLogBucket },
        noncurrentVersionDays: args.noncurrentVersionDays,
        protect: args.protect,
      },
      { parent: this },
    );
    const key = createKmsKey(
      `${name}-key`,
      { description: `${awsName}: Redshift, its admin secret and the delivery logs`, identity: args.identity, services: [logsGrant(args.identity)], alias: `${args.namePrefix}/analytics` },
      stateful,
    );

    // Firehose: MSK → S3.
    const deliveryLogs = createLogGroup(`${name}-delivery-logs`, { logName: `/${args.namePrefix}/firehose/data-lake`, kmsKeyArn: key.arn, retentionDays: args.logRetentionDays }, stateful);
    const deliveryRole = new aws.iam.Role(
      `${name}-firehose-role`,
      { description: `${awsName}: Firehose reads the Kafka topics and writes the data lake.`, assumeRolePolicy: serviceTrustPolicy("firehose.amazonaws.com", { sourceAccount: args.identity.accountId }) },
      { parent: this },
    );
    const topicArns = args.topics.map((t) => kafkaResourceArn(args.clusterArn, "topic", t));
    const deliveryPolicy = new aws.iam.RolePolicy(
      `${name}-firehose-policy`,
      {
        role: deliveryRole.id,
        policy: policyDocument([
          {
            Sid: "ConnectToTheCluster",
            Effect: "Allow",
            Action: ["kafka:GetBootstrapBrokers", "kafka:DescribeCluster", "kafka:DescribeClusterV2", "kafka-cluster:Connect"],
            Resource: args.clusterArn,
          },
          ...(topicArns.length
            ? [{ Sid: "ReadTheTopics", Effect: "Allow", Action: ["kafka-cluster:DescribeTopic", "kafka-cluster:DescribeTopicDynamicConfiguration", "kafka-cluster:ReadData"], Resource: topicArns }]
            : []),
          { Sid: "DescribeItsGroups", Effect: "Allow", Action: ["kafka-cluster:DescribeGroup"], Resource: kafkaResourceArn(args.clusterArn, "group", "*") },
          {
            Sid: "WriteTheLake",
            Effect: "Allow",
            Action: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
            Resource: [lake.bucketArn, pulumi.interpolate`${lake.bucketArn}/*`],
          },
          {
            Sid: "EncryptTheLake",
            Effect: "Allow",
            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
            Resource: lake.kmsKeyArn,
            Condition: { StringEquals: { "kms:ViaService": `s3.${args.identity.region}.amazonaws.com` } },
          },
          { Sid: "LogDeliveryErrors", Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: pulumi.interpolate`${deliveryLogs.arn}:*` },
        ]),
      },
      { parent: this },
    );
    const streamArns: Record<string, pulumi.Output<string>> = {};
    for (const topic of args.topics) {
      const logStream = new aws.cloudwatch.LogStream(`${name}-delivery-${topic}`, { logGroupName: deliveryLogs.name, name: topic }, { parent: this });
      const stream = new aws.kinesis.FirehoseDeliveryStream(
        `${name}-stream-${topic}`,
        {
          name: `${args.namePrefix}-${topic}`,
          destination: "extended_s3",
          mskSourceConfiguration: {
            mskClusterArn: args.clusterArn,
            topicName: topic,
            authenticationConfiguration: { connectivity: "PRIVATE", roleArn: deliveryRole.arn },
          },
          extendedS3Configuration: {
            roleArn: deliveryRole.arn,
            bucketArn: lake.bucketArn,
            prefix: `topics/${topic}/!{timestamp:yyyy/MM/dd}/`,
            errorOutputPrefix: `errors/${topic}/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/`,
            bufferingInterval: args.bufferSeconds,
            bufferingSize: args.bufferMb,
            compressionFormat: "GZIP",
            kmsKeyArn: lake.kmsKeyArn,
            cloudwatchLoggingOptions: { enabled: true, logGroupName: deliveryLogs.name, logStreamName: logStream.name },
          },
          tags: { Name: `${args.namePrefix}-${topic}` },
        },
        { parent: this, dependsOn: [deliveryPolicy, ...(args.sourceReady as pulumi.Resource[])] },
      );
      streamArns[topic] = stream.arn;
    }

    // Redshift Serverless: reads the lake.
    const redshiftRole = new aws.iam.Role(
      `${name}-redshift-role`,
      {
        description: `${awsName}: Redshift reads the data lake (COPY, Spectrum).`,
        assumeRolePolicy: serviceTrustPolicy(["redshift.amazonaws.com", "redshift-serverless.amazonaws.com"], { sourceAccount: args.identity.accountId }),
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-redshift-policy`,
      {
        role: redshiftRole.id,
        policy: policyDocument([
          { Sid: "ReadTheLake", Effect: "Allow", Action: ["s3:GetObject", "s3:GetBucketLocation", "s3:ListBucket"], Resource: [lake.bucketArn, pulumi.interpolate`${lake.bucketArn}/*`] },
          {
            Sid: "DecryptTheLake",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: lake.kmsKeyArn,
            Condition: { StringEquals: { "kms:ViaService": `s3.${args.identity.region}.amazonaws.com` } },
          },
        ]),
      },
      { parent: this },
    );
    const auditLogs = REDSHIFT_LOG_EXPORTS.map((logType) =>
      createLogGroup(`${name}-redshift-${logType}`, { logName: redshiftLogGroupName(awsName, logType), kmsKeyArn: key.arn, retentionDays: args.logRetentionDays }, stateful),
    );
    const namespace = new aws.redshiftserverless.Namespace(
      `${name}-namespace`,
      {
        namespaceName: awsName,
        dbName: "analytics",
        adminUsername: "analytics_admin",
        manageAdminPassword: true,
        adminPasswordSecretKmsKeyId: key.arn,
        kmsKeyId: key.arn,
        iamRoles: [redshiftRole.arn],
        defaultIamRoleArn: redshiftRole.arn,
        logExports: [...REDSHIFT_LOG_EXPORTS],
        tags: { Name: awsName },
      },
      { ...stateful, dependsOn: auditLogs },
    );
    const s3PrefixList = aws.ec2.getPrefixListOutput({ name: `com.amazonaws.${args.identity.region}.s3` }, { parent: this });
    const sg = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      { vpcId: args.vpcId, description: `${awsName}: Redshift Serverless; no ingress, HTTPS out to S3 only (enhanced VPC routing).`, tags: { Name: awsName } },
      { parent: this },
    );
    // S3's interface endpoint has private DNS for the whole VPC: `s3.<region>` and
    // `<bucket>.s3.<region>` resolve to its addresses in the application subnets.
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-sg-to-s3-endpoint`,
      {
        securityGroupId: sg.id,
        referencedSecurityGroupId: args.endpointSecurityGroupId,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "HTTPS to the S3 interface endpoint, where S3's private DNS points (COPY and UNLOAD with the data lake).",
      },
      { parent: this },
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-sg-to-s3`,
      { securityGroupId: sg.id, prefixListId: s3PrefixList.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "HTTPS to S3 through the gateway endpoint (COPY from the data lake)." },
      { parent: this },
    );
    const workgroup = new aws.redshiftserverless.Workgroup(
      `${name}-workgroup`,
      {
        workgroupName: awsName,
        namespaceName: namespace.namespaceName,
        baseCapacity: args.baseCapacityRpu,
        enhancedVpcRouting: true,
        publiclyAccessible: false,
        subnetIds: args.subnetIds,
        securityGroupIds: [sg.id],
        port: REDSHIFT_PORT,
        configParameters: [
          { parameterKey: "enable_user_activity_logging", parameterValue: "true" },
          { parameterKey: "require_ssl", parameterValue: "true" },
        ],
        tags: { Name: awsName },
      },
      stateful,
    );

    this.dataLakeBucket = lake.bucketName;
    // The lake is SSE-KMS (SecureBucket's default), so it has its own key.
    this.dataLakeKeyArn = lake.kmsKeyArn!;
    this.streamArns = streamArns;
    this.workgroupName = workgroup.workgroupName;
    this.namespaceName = namespace.namespaceName;
    this.adminSecretArn = namespace.adminPasswordSecretArn;
    this.kmsKeyArn = key.arn;
    this.registerOutputs({ dataLakeBucket: this.dataLakeBucket, workgroupName: this.workgroupName, kmsKeyArn: this.kmsKeyArn });
  }
}
