import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsIdentity } from "../shared/identity";
import type { ServiceDataSettings } from "./settings";
import type { ClusterRef } from "../cluster/Cluster";

/** What every data-tier component shares: where it lives and how it is named and kept. */
export interface DataPlacement {
  /** The account, partition and region (key policies, ARNs, service principals). */
  readonly identity: AwsIdentity;
  /** The prefix of AWS names, aliases and log groups, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** The VPC the security groups belong to. */
  readonly vpcId: pulumi.Input<string>;
  /** The private data subnets, one per AZ, in AZ order. */
  readonly subnetIds: pulumi.Input<string>[];
  /** Retention of every log group this tier creates, in days. */
  readonly logRetentionDays: number;
  /**
   * Protect stateful resources (keys, stores, log groups) so `pulumi destroy` refuses to
   * delete them.
   * @default - false: they are deleted with the stack.
   */
  readonly protect?: boolean;
}

/**
 * Where application traffic to a data store comes from: one security-group source per
 * service (pod security groups), or one shared source (the node security group) used
 * for every service. Keyed sources become one ingress rule each, so a shared group never
 * yields duplicate rules.
 */
export interface TrafficSource {
  /** A stable key for the rule's logical name: the service name, or `app-tier`. */
  readonly key: string;
  /** The security group the traffic leaves from. */
  readonly securityGroupId: pulumi.Input<string>;
  /** Says whose traffic this is, for the rule's description. */
  readonly label: string;
}

/** The ordered source list for a set of services: one per pod group, or one shared app-tier source. */
export function trafficSources(names: readonly string[], services: Readonly<Record<string, DataService>>, appSecurityGroupId: pulumi.Input<string>): TrafficSource[] {
  const sorted = [...names].sort();
  const own = sorted.filter((n) => services[n].podSecurityGroupId !== undefined);
  const shared = sorted.filter((n) => services[n].podSecurityGroupId === undefined);
  return [
    ...own.map((n) => ({ key: n, securityGroupId: services[n].podSecurityGroupId as pulumi.Input<string>, label: `the ${n} service's pods` })),
    ...(shared.length ? [{ key: "app-tier", securityGroupId: appSecurityGroupId, label: `the application tier (nodes of ${shared.join(", ")})` }] : []),
  ];
}

/**
 * A security group with no inline rules (rules are standalone resources) and one
 * ingress rule per traffic source on `port`. No egress: the stores only answer.
 */
export function createStoreSecurityGroup(
  name: string,
  args: { vpcId: pulumi.Input<string>; description: string; port: number; portName: string; sources: readonly TrafficSource[]; tagName: string },
  parent: pulumi.Resource,
): aws.ec2.SecurityGroup {
  const sg = new aws.ec2.SecurityGroup(name, { vpcId: args.vpcId, description: args.description, tags: { Name: args.tagName } }, { parent });
  for (const source of args.sources) {
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-from-${source.key}`,
      {
        securityGroupId: sg.id,
        referencedSecurityGroupId: source.securityGroupId,
        ipProtocol: "tcp",
        fromPort: args.port,
        toPort: args.port,
        description: `${args.portName} from ${source.label}.`,
      },
      { parent },
    );
  }
  return sg;
}

/** The log group of a data-tier component: KMS-encrypted, with the stack's retention. */
export function createLogGroup(
  name: string,
  args: { logName: string; kmsKeyArn: pulumi.Input<string>; retentionDays: number },
  opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.LogGroup {
  return new aws.cloudwatch.LogGroup(name, { name: args.logName, kmsKeyId: args.kmsKeyArn, retentionInDays: args.retentionDays }, opts);
}

/** One service as the data tier sees it: its settings and the identity the compute tier made for it. */
export interface DataService {
  /** The service's data settings. */
  readonly settings: ServiceDataSettings;
  /** Its IRSA role's ARN (key policy, bus policy). */
  readonly roleArn: pulumi.Input<string>;
  /** Its IRSA role's name (the policy attachment). */
  readonly roleName: pulumi.Input<string>;
  /**
   * Its pods' own security group (security groups for pods).
   * @default - the application tier's shared group (`appSecurityGroupId`).
   */
  readonly podSecurityGroupId?: pulumi.Input<string>;
}

/** The EKS cluster, for the EFS CSI driver. */
export interface DataCluster extends ClusterRef {
  /** The nodes' IAM role: the principal EFS mounts (`iam` mount option) are made as. */
  readonly nodeRoleArn: pulumi.Input<string>;
}
