import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecureBucket } from "../data/SecureBucket";
import type { AwsIdentity } from "../shared/identity";
import { managedPolicyArn, serviceTrustPolicy } from "../shared/iam";

/** The GuardDuty protection plans enabled, as detector features (EKS runtime through RUNTIME_MONITORING, the agent managed as an EKS add-on). */
const GUARDDUTY_FEATURES: readonly { readonly name: string; readonly additionalConfigurations?: readonly { name: string; status: string }[] }[] = [
  { name: "EKS_AUDIT_LOGS" },
  { name: "RUNTIME_MONITORING", additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }] },
  { name: "S3_DATA_EVENTS" },
  { name: "RDS_LOGIN_EVENTS" },
];

/** The Security Hub standards subscribed, by key: ARN path after `arn:<partition>:securityhub:<region>::`. */
const SECURITY_HUB_STANDARDS: Readonly<Record<string, string>> = {
  cis: "standards/cis-aws-foundations-benchmark/v/3.0.0",
  "pci-dss": "standards/pci-dss/v/4.0.1",
  fsbp: "standards/aws-foundational-security-best-practices/v/1.0.0",
};

/** A standard's ARN in the stack's region and partition. */
function standardArn(id: AwsIdentity, path: string): pulumi.Output<string> {
  return pulumi.interpolate`arn:${id.partition}:securityhub:${id.region}::${path}`;
}

/** The bucket-policy statements AWS Config needs to deliver, from this account only. */
function configBucketStatements(id: AwsIdentity, bucketArn: pulumi.Input<string>): Record<string, unknown>[] {
  const fromAccount = { StringEquals: { "aws:SourceAccount": id.accountId } };
  return [
    { Sid: "ConfigAclCheck", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: bucketArn, Condition: fromAccount },
  ];
}

export interface AccountBaselineArgs {
  /** The account, partition and region. */
  readonly identity: AwsIdentity;
  /** The prefix of names and aliases, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** The stack's S3 server-access-log bucket. */
  readonly accessLogBucket: pulumi.Input<string>;
  /** Days before a noncurrent object version of the Config bucket expires. */
  readonly noncurrentVersionDays: number;
  /** Keep the Config bucket and its key on `pulumi destroy` (settings: `protectStateful`). */
  readonly protect: boolean;
}

/**
 * The account's detection services in the stack's region: a GuardDuty detector with EKS
 * audit logs, runtime monitoring (the agent as a GuardDuty-managed EKS add-on), S3 data
 * events and RDS login events; an AWS Config recorder of every supported and global
 * resource type, delivering daily snapshots to a SecureBucket through a role with
 * AWS_ConfigRole; and Security Hub with the CIS AWS Foundations Benchmark, PCI DSS and
 * AWS Foundational Security Best Practices standards (no default standards, controls
 * auto-enabled). Account singletons: only one stack per account and region creates them.
 */
export class AccountBaseline extends pulumi.ComponentResource {
  /** The GuardDuty detector's ID. */
  public readonly detectorId: pulumi.Output<string>;
  /** The Config delivery bucket. */
  public readonly configBucketName: pulumi.Output<string>;

  constructor(name: string, args: AccountBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:AccountBaseline", name, {}, opts);
    const id = args.identity;
    const child = { parent: this };

    const detector = new aws.guardduty.Detector(`${name}-guardduty`, { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES", tags: { Name: `${args.namePrefix}-guardduty` } }, child);
    for (const f of GUARDDUTY_FEATURES) {
      new aws.guardduty.DetectorFeature(
        `${name}-guardduty-${f.name.toLowerCase().replace(/_/g, "-")}`,
        { detectorId: detector.id, name: f.name, status: "ENABLED", ...(f.additionalConfigurations ? { additionalConfigurations: f.additionalConfigurations.map((c) => ({ ...c })) } : {}) },
        child,
      );
    }

    const bucket = new SecureBucket(
      `${name}-config`,
      {
        identity: id,
        namePrefix: args.namePrefix,
        role: "config",
        description: `${args.namePrefix} AWS Config snapshots and history`,
        accessLogs: { kind: "bucket", bucket: args.accessLogBucket },
        noncurrentVersionDays: args.noncurrentVersionDays,
        writerServices: ["config.amazonaws.com"],
        policyStatements: (bucketArn) => configBucketStatements(id, bucketArn),
        protect: args.protect,
      },
      child,
    );
    const role = new aws.iam.Role(
      `${name}-config-role`,
      {
        description: "AWS Config: reads resource configurations and delivers them to the Config bucket.",
        assumeRolePolicy: serviceTrustPolicy("config.amazonaws.com", { sourceAccount: id.accountId }),
      },
      child,
    );
    const managed = new aws.iam.RolePolicyAttachment(`${name}-config-managed`, { role: role.name, policyArn: managedPolicyArn(id.partition, "service-role/AWS_ConfigRole") }, child);
    const delivery = new aws.iam.Policy(
      `${name}-config-delivery`,
      {
        description: "AWS Config: deliver to the Config bucket, encrypted with its key.",
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: "s3:GetBucketAcl", Resource: bucket.bucketArn },
            { Effect: "Allow", Action: "s3:PutObject", Resource: pulumi.interpolate`${bucket.bucketArn}/AWSLogs/${id.accountId}/*`, Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } } },
            { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: bucket.kmsKeyArn! },
          ],
        }),
      },
      child,
    );
    const deliveryAttachment = new aws.iam.RolePolicyAttachment(`${name}-config-delivery`, { role: role.name, policyArn: delivery.arn }, child);
    const recorder = new aws.cfg.Recorder(
      `${name}-config-recorder`,
      { name: `${args.namePrefix}-recorder`, roleArn: role.arn, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } },
      { parent: this, dependsOn: [managed] },
    );
    const channel = new aws.cfg.DeliveryChannel(
      `${name}-config-delivery-channel`,
      { name: `${args.namePrefix}-delivery`, s3BucketName: bucket.bucketName, s3KmsKeyArn: bucket.kmsKeyArn, snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" } },
      { parent: this, dependsOn: [recorder, deliveryAttachment, bucket] },
    );
    new aws.cfg.RecorderStatus(`${name}-config-recorder-status`, { name: recorder.name, isEnabled: true }, { parent: this, dependsOn: [channel] });

    const hub = new aws.securityhub.Account(`${name}-securityhub`, { enableDefaultStandards: false, autoEnableControls: true, controlFindingGenerator: "SECURITY_CONTROL" }, child);
    for (const [key, path] of Object.entries(SECURITY_HUB_STANDARDS)) {
      new aws.securityhub.StandardsSubscription(`${name}-securityhub-${key}`, { standardsArn: standardArn(id, path) }, { parent: this, dependsOn: [hub] });
    }

    this.detectorId = detector.id;
    this.configBucketName = bucket.bucketName;
    this.registerOutputs({ detectorId: this.detectorId, configBucketName: this.configBucketName });
  }
}
