import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceLinkedRoleMode } from "./iam";
import type { AwsIdentity } from "../shared/identity";
import { createKmsKey, logsGrant } from "../shared/kms";

export interface ClusterKeysArgs {
  /** The account, partition and region (key policies, the service-linked role's ARN). */
  readonly identity: AwsIdentity;
  /** The EKS cluster name (the control-plane log group is `/aws/eks/<cluster>/cluster`). */
  readonly clusterName: string;
  /** The control plane's role: the user of the secrets key. */
  readonly controlPlaneRoleArn: pulumi.Input<string>;
  /**
   * Whether the stack creates the Auto Scaling service-linked role or the account has it.
   * @default - `create`.
   */
  readonly autoscalingServiceLinkedRole?: ServiceLinkedRoleMode;
  /** Retention of the control-plane log group, in days. */
  readonly logRetentionDays: number;
  /** The prefix of key aliases and `Name` tags. */
  readonly namePrefix: string;
  /**
   * Keep the keys and the log group on `pulumi destroy`.
   * @default - false.
   */
  readonly protect?: boolean;
}

/** What {@link createClusterKeys} made. */
export interface ClusterKeys {
  /** Kubernetes secrets envelope encryption (`<name>-secrets-key`). */
  readonly secretsKey: aws.kms.Key;
  /** The nodes' root volumes (`<name>-volumes-key`). */
  readonly volumesKey: aws.kms.Key;
  /** Control-plane and workload logs (`<name>-logs-key`). */
  readonly logsKey: aws.kms.Key;
  /** The control-plane log group, encrypted with the logs key (`<name>-logs`). */
  readonly logGroup: aws.cloudwatch.LogGroup;
}

/**
 * The cluster's keys, one per purpose, and its control-plane log group. The node volumes
 * key names the Auto Scaling service-linked role (it attaches the encrypted volumes of
 * the node group's instances). KMS rejects a key policy whose principal does not exist,
 * and a fresh account has no such role until its first Auto Scaling group, so the stack
 * creates it first (`<name>-autoscaling-slr`) unless the account already has it. It is
 * account-wide: destroying the stack leaves it for the account's other groups.
 */
export function createClusterKeys(name: string, args: ClusterKeysArgs, parent: pulumi.Resource): ClusterKeys {
  const id = args.identity;
  const stateful = { parent, protect: args.protect ?? false };
  const secretsKey = createKmsKey(
    `${name}-secrets-key`,
    {
      description: `${args.namePrefix} EKS secrets envelope encryption`,
      identity: id,
      userRoleArns: [args.controlPlaneRoleArn],
      grantRoleArns: [args.controlPlaneRoleArn],
      alias: `${args.namePrefix}/eks-secrets`,
    },
    stateful,
  );
  const autoscalingRole = pulumi.interpolate`arn:${id.partition}:iam::${id.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
  const serviceLinkedRole =
    (args.autoscalingServiceLinkedRole ?? "create") === "create"
      ? [
          new aws.iam.ServiceLinkedRole(
            `${name}-autoscaling-slr`,
            { awsServiceName: "autoscaling.amazonaws.com", description: "Auto Scaling: launches the EKS nodes and attaches their encrypted volumes." },
            { parent, retainOnDelete: true },
          ),
        ]
      : [];
  const volumesKey = createKmsKey(
    `${name}-volumes-key`,
    {
      description: `${args.namePrefix} EKS node volumes`,
      identity: id,
      userRoleArns: [autoscalingRole],
      grantRoleArns: [autoscalingRole],
      alias: `${args.namePrefix}/eks-volumes`,
    },
    { ...stateful, dependsOn: serviceLinkedRole },
  );
  const logsKey = createKmsKey(
    `${name}-logs-key`,
    { description: `${args.namePrefix} EKS control-plane and workload logs`, identity: id, services: [logsGrant(id)], alias: `${args.namePrefix}/eks-logs` },
    stateful,
  );
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-logs`,
    { name: `/aws/eks/${args.clusterName}/cluster`, retentionInDays: args.logRetentionDays, kmsKeyId: logsKey.arn, tags: { Name: `${args.namePrefix}-eks-logs` } },
    stateful,
  );
  return { secretsKey, volumesKey, logsKey, logGroup };
}
