import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createKmsKey, logsGrant } from "../shared/kms";
import { policyDocument } from "../shared/iam";
import { DataPlacement, TrafficSource, createLogGroup, createStoreSecurityGroup } from "./common";

/** The broker port for SASL/IAM over TLS inside the VPC. */
export const KAFKA_IAM_PORT = 9098;

/** The broker configuration: declared topics only, durable writes, no unclean elections. */
export function serverProperties(args: { brokerCount: number; partitions: number }): string {
  const replication = Math.min(3, args.brokerCount);
  return [
    "auto.create.topics.enable=false",
    `default.replication.factor=${replication}`,
    `min.insync.replicas=${Math.max(1, replication - 1)}`,
    `num.partitions=${args.partitions}`,
    "unclean.leader.election.enable=false",
    "allow.everyone.if.no.acl.found=false",
  ].join("\n");
}

/** `arn:...:cluster/<name>/<uuid>` → the ARN of a topic or group of that cluster, for IAM. */
export function kafkaResourceArn(clusterArn: pulumi.Input<string>, kind: "topic" | "group", name: string): pulumi.Output<string> {
  return pulumi.output(clusterArn).apply((arn) => `${arn.replace(":cluster/", `:${kind}/`)}/${name}`);
}

export interface KafkaArgs extends DataPlacement {
  /** Broker count: a multiple of the number of data subnets. */
  readonly brokerCount: number;
  /** The broker instance type, e.g. `kafka.m7g.large`. */
  readonly instanceType: string;
  /** EBS storage per broker, in GiB. */
  readonly volumeGb: number;
  /** The Kafka version, e.g. `3.6.0`. */
  readonly kafkaVersion: string;
  /** Partitions of each declared topic. */
  readonly partitions: number;
  /** The topics the services produce: each is declared on the cluster. */
  readonly topics: readonly string[];
  /** The services that produce or consume topics: the only sources the security group admits. */
  readonly sources: readonly TrafficSource[];
}

/**
 * Amazon MSK across the data subnets: TLS between clients and brokers and inside the
 * cluster, a customer-managed key at rest, IAM authentication only (no unauthenticated
 * access), no public access, broker logs to an encrypted log group, per-topic enhanced
 * monitoring, multi-VPC private connectivity (IAM) with a cluster policy for Firehose,
 * and the services' topics declared as resources.
 */
export class Kafka extends pulumi.ComponentResource {
  /** The cluster's ARN. */
  public readonly clusterArn: pulumi.Output<string>;
  /** The cluster's name. */
  public readonly clusterName: pulumi.Output<string>;
  /** Bootstrap brokers for SASL/IAM over TLS. */
  public readonly bootstrapBrokers: pulumi.Output<string>;
  /** The key that encrypts the brokers' storage and logs. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** The brokers' security group. */
  public readonly securityGroupId: pulumi.Output<string>;
  /** The cluster policy that lets Firehose connect (Firehose streams depend on it). */
  public readonly firehosePolicy: aws.msk.ClusterPolicy;
  /** The declared topics, by name. */
  public readonly topics: Readonly<Record<string, aws.msk.Topic>>;

  constructor(name: string, args: KafkaArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:Kafka", name, {}, opts);
    const stateful = { parent: this, protect: args.protect ?? false };
    const awsName = `${args.namePrefix}-kafka`;

    const key = createKmsKey(
      `${name}-key`,
      { description: `${awsName}: broker storage and logs`, identity: args.identity, services: [logsGrant(args.identity)], alias: `${args.namePrefix}/kafka` },
      stateful,
    );
    const logs = createLogGroup(`${name}-broker-logs`, { logName: `/${args.namePrefix}/msk/brokers`, kmsKeyArn: key.arn, retentionDays: args.logRetentionDays }, stateful);
    const sg = createStoreSecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: `${awsName}: SASL/IAM over TLS (${KAFKA_IAM_PORT}/tcp) from the services that use topics only.`,
        port: KAFKA_IAM_PORT,
        portName: `Kafka SASL/IAM over TLS (${KAFKA_IAM_PORT}/tcp)`,
        sources: args.sources,
        tagName: awsName,
      },
      this,
    );
    const configuration = new aws.msk.Configuration(
      `${name}-config`,
      {
        name: awsName,
        description: `${awsName}: declared topics only, durable writes.`,
        kafkaVersions: [args.kafkaVersion],
        serverProperties: serverProperties(args),
      },
      { parent: this },
    );
    const cluster = new aws.msk.Cluster(
      `${name}-cluster`,
      {
        clusterName: awsName,
        kafkaVersion: args.kafkaVersion,
        numberOfBrokerNodes: args.brokerCount,
        brokerNodeGroupInfo: {
          instanceType: args.instanceType,
          clientSubnets: args.subnetIds,
          securityGroups: [sg.id],
          storageInfo: { ebsStorageInfo: { volumeSize: args.volumeGb } },
          connectivityInfo: {
            publicAccess: { type: "DISABLED" },
            // Private multi-VPC connectivity (IAM only) for Firehose's MSK source; the
            // provider creates the cluster first and turns it on once the cluster is active.
            vpcConnectivity: { clientAuthentication: { sasl: { iam: true, scram: false }, tls: false } },
          },
        },
        clientAuthentication: { sasl: { iam: true, scram: false }, unauthenticated: false },
        encryptionInfo: { encryptionAtRestKmsKeyArn: key.arn, encryptionInTransit: { clientBroker: "TLS", inCluster: true } },
        configurationInfo: { arn: configuration.arn, revision: configuration.latestRevision },
        enhancedMonitoring: "PER_TOPIC_PER_BROKER",
        loggingInfo: { brokerLogs: { cloudwatchLogs: { enabled: true, logGroup: logs.name } } },
        tags: { Name: awsName },
      },
      stateful,
    );
    this.firehosePolicy = new aws.msk.ClusterPolicy(
      `${name}-firehose-access`,
      {
        clusterArn: cluster.arn,
        policy: policyDocument([
          {
            Sid: "FirehoseConnects",
            Effect: "Allow",
            Principal: { Service: "firehose.amazonaws.com" },
            Action: ["kafka:CreateVpcConnection", "kafka:GetBootstrapBrokers", "kafka:DescribeCluster", "kafka:DescribeClusterV2"],
            Resource: cluster.arn,
          },
        ]),
      },
      { parent: this },
    );
    const replication = Math.min(3, args.brokerCount);
    const topics: Record<string, aws.msk.Topic> = {};
    for (const topic of args.topics) {
      topics[topic] = new aws.msk.Topic(
        `${name}-topic-${topic}`,
        {
          clusterArn: cluster.arn,
          name: topic,
          partitionCount: args.partitions,
          replicationFactor: replication,
          configs: JSON.stringify({ "cleanup.policy": "delete", "retention.ms": String(7 * 24 * 3600 * 1000), "min.insync.replicas": String(Math.max(1, replication - 1)) }),
        },
        stateful,
      );
    }

    this.clusterArn = cluster.arn;
    this.clusterName = cluster.clusterName;
    this.bootstrapBrokers = cluster.bootstrapBrokersSaslIam;
    this.kmsKeyArn = key.arn;
    this.securityGroupId = sg.id;
    this.topics = topics;
    this.registerOutputs({ clusterArn: this.clusterArn, bootstrapBrokers: this.bootstrapBrokers, kmsKeyArn: this.kmsKeyArn });
  }
}
