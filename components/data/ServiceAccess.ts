import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsIdentity } from "../shared/identity";
import { policyDocument } from "../shared/iam";
import { kafkaResourceArn } from "./Kafka";

/** Everything one service may touch, as ARNs (or the parts ARNs are built from). */
export interface ServiceGrants {
  readonly service: string;
  readonly identity: AwsIdentity;
  /**
   * Its database: `rds-db:connect` as its IAM user (IAM authentication). Never the
   * RDS-managed master secret: that is for operators and migrations, not the service.
   */
  readonly database?: { readonly resourceId: pulumi.Input<string>; readonly iamUser: string };
  /** KMS keys it decrypts with (and encrypts with, for buckets and queues it writes). */
  readonly kmsKeyArns: readonly pulumi.Input<string>[];
  /** Other secrets it reads (the Redis AUTH secret). */
  readonly secretArns: readonly pulumi.Input<string>[];
  /** Queues it consumes. */
  readonly queueArns: readonly pulumi.Input<string>[];
  /** Events it publishes: the bus, its `source` and the event types. */
  readonly publishes?: { readonly busArn: pulumi.Input<string>; readonly source: string; readonly detailTypes: readonly string[] };
  /** Kafka: the cluster and the topics it produces and consumes. */
  readonly kafka?: { readonly clusterArn: pulumi.Input<string>; readonly produces: readonly string[]; readonly consumes: readonly string[] };
  /** Its bucket, limited to its prefix. */
  readonly bucket?: { readonly arn: pulumi.Input<string>; readonly prefix: string };
}

/**
 * The least-privilege statements of a service: every statement names its actions and
 * its resources exactly; none has a `*` action or a `*` resource.
 */
export function serviceAccessStatements(g: ServiceGrants): Record<string, unknown>[] {
  const s: Record<string, unknown>[] = [];
  const id = g.identity;
  if (g.database) {
    s.push({
      Sid: "ConnectAsItsDatabaseUser",
      Effect: "Allow",
      Action: "rds-db:connect",
      Resource: pulumi.interpolate`arn:${id.partition}:rds-db:${id.region}:${id.accountId}:dbuser:${g.database.resourceId}/${g.database.iamUser}`,
    });
  }
  if (g.secretArns.length) {
    s.push({ Sid: "ReadItsSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: [...g.secretArns] });
  }
  if (g.kmsKeyArns.length) {
    s.push({ Sid: "UseItsKeys", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"], Resource: [...g.kmsKeyArns] });
  }
  if (g.queueArns.length) {
    s.push({
      Sid: "ConsumeItsQueues",
      Effect: "Allow",
      Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
      Resource: [...g.queueArns],
    });
  }
  if (g.publishes && g.publishes.detailTypes.length) {
    s.push({
      Sid: "PublishItsEvents",
      Effect: "Allow",
      Action: "events:PutEvents",
      Resource: g.publishes.busArn,
      Condition: { StringEquals: { "events:source": g.publishes.source, "events:detail-type": [...g.publishes.detailTypes] } },
    });
  }
  if (g.kafka && (g.kafka.produces.length || g.kafka.consumes.length)) {
    const { clusterArn, produces, consumes } = g.kafka;
    s.push({ Sid: "ConnectToKafka", Effect: "Allow", Action: ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"], Resource: clusterArn });
    if (produces.length) {
      s.push({
        Sid: "ProduceItsTopics",
        Effect: "Allow",
        Action: ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"],
        Resource: produces.map((t) => kafkaResourceArn(clusterArn, "topic", t)),
      });
      // Kafka clients from 3.0 on produce idempotently by default (enable.idempotence=true);
      // MSK authorizes that on the cluster, not the topic.
      s.push({ Sid: "ProduceIdempotently", Effect: "Allow", Action: "kafka-cluster:WriteDataIdempotently", Resource: clusterArn });
    }
    if (consumes.length) {
      s.push({
        Sid: "ConsumeItsTopics",
        Effect: "Allow",
        Action: ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
        Resource: consumes.map((t) => kafkaResourceArn(clusterArn, "topic", t)),
      });
      s.push({
        Sid: "UseItsConsumerGroups",
        Effect: "Allow",
        Action: ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
        Resource: kafkaResourceArn(clusterArn, "group", `${g.service}-*`),
      });
    }
  }
  if (g.bucket) {
    s.push({
      Sid: "UseItsBucketPrefix",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion"],
      Resource: pulumi.interpolate`${g.bucket.arn}/${g.bucket.prefix}*`,
    });
    s.push({
      Sid: "ListItsBucketPrefix",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: g.bucket.arn,
      Condition: { StringLike: { "s3:prefix": [`${g.bucket.prefix}*`] } },
    });
  }
  return s;
}

export interface ServiceAccessArgs {
  /** What the service may touch. */
  readonly grants: ServiceGrants;
  /** The service's IRSA role (created by the compute tier), by name. */
  readonly roleName: pulumi.Input<string>;
  /** The prefix of the policy's name, e.g. `platform-prod`. */
  readonly namePrefix: string;
}

/**
 * The typed hook on a service's IRSA role: a managed policy with exactly the service's
 * data-tier permissions, attached to the role.
 */
export class ServiceAccess extends pulumi.ComponentResource {
  public readonly policyArn: pulumi.Output<string>;

  constructor(name: string, args: ServiceAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:ServiceAccess", name, {}, opts);
    const statements = serviceAccessStatements(args.grants);
    const policy = new aws.iam.Policy(
      `${name}-policy`,
      {
        name: `${args.namePrefix}-${args.grants.service}-data`,
        description: `The ${args.grants.service} service's data-tier access: its database, secrets, keys, queues, events, topics and bucket prefix.`,
        policy: policyDocument(statements),
      },
      { parent: this },
    );
    new aws.iam.RolePolicyAttachment(`${name}-attach`, { role: args.roleName, policyArn: policy.arn }, { parent: this });
    this.policyArn = policy.arn;
    this.registerOutputs({ policyArn: this.policyArn });
  }
}
