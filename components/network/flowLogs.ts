import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsIdentity } from "../shared/identity";
import { createKmsKey, logsGrant } from "../shared/kms";
import { createLogDeliveryRole } from "../shared/logDelivery";

export interface FlowLogsArgs {
  /** The VPC whose traffic is logged (all of it: accepted and rejected). */
  readonly vpcId: pulumi.Input<string>;
  /** The account, partition and region, for the key policy and the role's trust. */
  readonly identity: AwsIdentity;
  /** Retention of the log group, in days. */
  readonly retentionDays: number;
  /** The prefix of the log group name, alias and `Name` tags, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** Protect the key and log group from deletion (prod). */
  readonly protect: boolean;
}

/** What the flow logs created. */
export interface FlowLogs {
  readonly key: aws.kms.Key;
  readonly logGroup: aws.cloudwatch.LogGroup;
}

/**
 * VPC flow logs (traffic type ALL) to a CloudWatch log group encrypted with its own
 * KMS key, written through a role that may only write to that group.
 */
export function createFlowLogs(name: string, args: FlowLogsArgs, parent: pulumi.Resource): FlowLogs {
  const stateful = { parent, protect: args.protect };
  const key = createKmsKey(
    `${name}-key`,
    { description: `${args.namePrefix} VPC flow logs`, identity: args.identity, services: [logsGrant(args.identity)], alias: `${args.namePrefix}/flow-logs` },
    stateful,
  );
  const logGroup = new aws.cloudwatch.LogGroup(
    name,
    { name: `/${args.namePrefix}/vpc/flow-logs`, retentionInDays: args.retentionDays, kmsKeyId: key.arn, tags: { Name: `${args.namePrefix}-flow-logs` } },
    stateful,
  );
  const { role } = createLogDeliveryRole(
    name,
    {
      description: "Lets VPC Flow Logs write to its log group.",
      service: "vpc-flow-logs.amazonaws.com",
      trust: { sourceAccount: args.identity.accountId },
      actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
      resources: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
    },
    { parent },
  );
  new aws.ec2.FlowLog(
    `${name.replace(/-logs$/, "-log")}`,
    {
      vpcId: args.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: { Name: `${args.namePrefix}-flow-log` },
    },
    { parent },
  );
  return { key, logGroup };
}
