import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsIdentity } from "../shared/identity";
import { createKmsKey } from "../shared/kms";

export interface AlarmTopicArgs {
  /** The account, partition and region (key policy, topic policy conditions). */
  readonly identity: AwsIdentity;
  /** The prefix of the topic name and key alias, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** Keep the key on `pulumi destroy` (settings: `protectStateful`). */
  readonly protect: boolean;
}

/** The ARN pattern of this account's CloudWatch alarms in the stack's region. */
function alarmArnPattern(id: AwsIdentity): pulumi.Output<string> {
  return pulumi.interpolate`arn:${id.partition}:cloudwatch:${id.region}:${id.accountId}:alarm:*`;
}

/** The topic policy: only CloudWatch alarms of this account may publish. */
function alarmTopicPolicy(id: AwsIdentity, topicArn: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "CloudWatchAlarmsPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: { StringEquals: { "aws:SourceAccount": id.accountId }, ArnLike: { "aws:SourceArn": alarmArnPattern(id) } },
      },
    ],
  });
}

/**
 * The stack's alarm topic: an SNS topic encrypted with its own customer-managed key,
 * which CloudWatch may use only for this account's alarms, and a topic policy that lets
 * only CloudWatch alarms of this account publish. Subscriptions (e-mail, chat, paging)
 * are the operators' to add.
 */
export class AlarmTopic extends pulumi.ComponentResource {
  /** The topic's ARN: every alarm's action. */
  public readonly topicArn: pulumi.Output<string>;
  /** The key that encrypts it. */
  public readonly kmsKeyArn: pulumi.Output<string>;

  constructor(name: string, args: AlarmTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:AlarmTopic", name, {}, opts);
    const key = createKmsKey(
      `${name}-key`,
      {
        description: `${args.namePrefix} alarm topic`,
        identity: args.identity,
        services: [
          {
            // What CloudWatch needs to publish to an encrypted topic, for this account's alarms only.
            service: "cloudwatch.amazonaws.com",
            actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
            condition: { StringEquals: { "aws:SourceAccount": args.identity.accountId }, ArnLike: { "aws:SourceArn": alarmArnPattern(args.identity) } },
          },
        ],
        alias: `${args.namePrefix}/sns/alarms`,
      },
      { parent: this, protect: args.protect },
    );
    const topic = new aws.sns.Topic(`${name}-topic`, { name: `${args.namePrefix}-alarms`, kmsMasterKeyId: key.arn, tags: { Name: `${args.namePrefix}-alarms` } }, { parent: this });
    new aws.sns.TopicPolicy(`${name}-policy`, { arn: topic.arn, policy: alarmTopicPolicy(args.identity, topic.arn) }, { parent: this });

    this.topicArn = topic.arn;
    this.kmsKeyArn = key.arn;
    this.registerOutputs({ topicArn: this.topicArn, kmsKeyArn: this.kmsKeyArn });
  }
}
