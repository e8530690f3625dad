import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createLogDeliveryRole } from "../shared/logDelivery";
import { SecureBucket } from "../data/SecureBucket";
import type { AwsIdentity } from "../shared/identity";
import { createKmsKey, logsGrant } from "../shared/kms";

export interface AuditTrailArgs {
  /** The account, partition and region (key, bucket and role conditions). */
  readonly identity: AwsIdentity;
  /** The prefix of the trail, bucket, log group and alias names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** The stack's S3 server-access-log bucket. */
  readonly accessLogBucket: pulumi.Input<string>;
  /** Days before a noncurrent log object version expires. */
  readonly noncurrentVersionDays: number;
  /** Retention of the trail's CloudWatch log group, in days. */
  readonly logRetentionDays: number;
  /** Keep the bucket, key and log group on `pulumi destroy` (settings: `protectStateful`). */
  readonly protect: boolean;
}

/** The trail's name: `<prefix>-trail`. */
const trailName = (prefix: string) => `${prefix}-trail`;

/** The trail's ARN, known before it exists (the key and bucket policies name it). */
function trailArn(id: AwsIdentity, name: string): pulumi.Output<string> {
  return pulumi.interpolate`arn:${id.partition}:cloudtrail:${id.region}:${id.accountId}:trail/${name}`;
}

/** The bucket-policy statements CloudTrail needs: read the ACL, write under `AWSLogs/<account>/`, for this trail only. */
function trailBucketStatements(id: AwsIdentity, bucketArn: pulumi.Input<string>, arn: pulumi.Input<string>): Record<string, unknown>[] {
  return [
    {
      Sid: "CloudTrailAclCheck",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: bucketArn,
      Condition: { StringEquals: { "aws:SourceArn": arn } },
    },
    {
      Sid: "CloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${id.accountId}/*`,
      Condition: { StringEquals: { "aws:SourceArn": arn, "s3:x-amz-acl": "bucket-owner-full-control" } },
    },
  ];
}

/**
 * The account's CloudTrail trail: every region and global service events, log file
 * validation, log files encrypted with its own key (CloudTrail may generate data keys
 * only for this trail, within its encryption context), delivered to a SecureBucket whose
 * policy admits only this trail, and to a CloudWatch log group (same key, the stack's
 * retention) through a role CloudTrail assumes for this trail only.
 */
export class AuditTrail extends pulumi.ComponentResource {
  /** The trail's ARN. */
  public readonly trailArn: pulumi.Output<string>;
  /** The log bucket's name. */
  public readonly bucketName: pulumi.Output<string>;
  /** The log group's name. */
  public readonly logGroupName: pulumi.Output<string>;
  /** The key that encrypts the log files and the log group. */
  public readonly kmsKeyArn: pulumi.Output<string>;

  constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:AuditTrail", name, {}, opts);
    const id = args.identity;
    const stateful = { parent: this, protect: args.protect };
    const trail = trailName(args.namePrefix);
    const arn = trailArn(id, trail);
    const sourceArn = { StringEquals: { "aws:SourceArn": arn } };
    const key = createKmsKey(
      `${name}-key`,
      {
        description: `${args.namePrefix} CloudTrail log files and log group`,
        identity: id,
        services: [
          {
            service: "cloudtrail.amazonaws.com",
            actions: ["kms:GenerateDataKey*"],
            condition: { ...sourceArn, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": pulumi.interpolate`arn:${id.partition}:cloudtrail:*:${id.accountId}:trail/*` } },
          },
          { service: "cloudtrail.amazonaws.com", actions: ["kms:DescribeKey"], condition: sourceArn },
          logsGrant(id),
        ],
        alias: `${args.namePrefix}/cloudtrail`,
      },
      stateful,
    );
    const bucket = new SecureBucket(
      `${name}-logs`,
      {
        identity: id,
        namePrefix: args.namePrefix,
        role: "cloudtrail",
        description: `${args.namePrefix} CloudTrail log files`,
        accessLogs: { kind: "bucket", bucket: args.accessLogBucket },
        noncurrentVersionDays: args.noncurrentVersionDays,
        policyStatements: (bucketArn) => trailBucketStatements(id, bucketArn, arn),
        protect: args.protect,
      },
      { parent: this },
    );
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-log-group`,
      { name: `/${args.namePrefix}/cloudtrail`, retentionInDays: args.logRetentionDays, kmsKeyId: key.arn, tags: { Name: `${args.namePrefix}-cloudtrail` } },
      stateful,
    );
    const { role, write } = createLogDeliveryRole(
      name,
      {
        description: "Lets CloudTrail deliver the trail's events to its log group.",
        service: "cloudtrail.amazonaws.com",
        trust: { sourceArn: arn },
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: pulumi.interpolate`${logGroup.arn}:log-stream:${id.accountId}_CloudTrail_*`,
      },
      { parent: this },
    );
    const t = new aws.cloudtrail.Trail(
      `${name}-trail`,
      {
        name: trail,
        s3BucketName: bucket.bucketName,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        kmsKeyId: key.arn,
        cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
        cloudWatchLogsRoleArn: role.arn,
        tags: { Name: trail },
      },
      { parent: this, dependsOn: [bucket, write] },
    );

    this.trailArn = t.arn;
    this.bucketName = bucket.bucketName;
    this.logGroupName = logGroup.name;
    this.kmsKeyArn = key.arn;
    this.registerOutputs({ trailArn: this.trailArn, bucketName: this.bucketName, logGroupName: this.logGroupName, kmsKeyArn: this.kmsKeyArn });
  }
}
