import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsIdentity } from "../shared/identity";
import { SubnetLayout, Tier, carveSubnets } from "./layout";
import { createEndpoints } from "./endpoints";
import { createFlowLogs } from "./flowLogs";
import { NatStrategy, natGatewayCount, natIndexForAz } from "./nat";
import { SubnetTier, azSuffix } from "./SubnetTier";

export interface NetworkArgs {
  /** The VPC's IPv4 CIDR; every subnet is carved from it. */
  readonly cidr: string;
  /** The AZs to span, in order; one subnet per tier in each. */
  readonly availabilityZones: readonly string[];
  /** How application subnets reach the internet. */
  readonly natStrategy: NatStrategy;
  /** The account, partition and region (for the flow-log key policy and endpoint names). */
  readonly identity: AwsIdentity;
  /** Retention of the flow-log group, in days. */
  readonly logRetentionDays: number;
  /** The prefix of AWS `Name` tags and log group names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** Keep the flow-log key and log group on `pulumi destroy` and refuse to delete them (settings: `protectStateful`). */
  readonly protectStateful: boolean;
  /**
   * The EKS cluster name to tag subnets for (load-balancer discovery).
   * @default - no cluster tags.
   */
  readonly clusterName?: string;
}

/**
 * The VPC and its three subnet tiers (public, private application, private data), with
 * NAT by strategy, flow logs to a KMS-encrypted log group, a locked default security
 * group and private VPC endpoints for S3, ECR, STS, Secrets Manager, KMS, Logs, SQS and
 * EventBridge.
 */
export class Network extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  /** The VPC CIDR (plain: known before deployment). */
  public readonly vpcCidr: string;
  /** The AZs, in the order of every per-AZ list below. */
  public readonly availabilityZones: readonly string[];
  /** Subnet IDs per tier, in AZ order. */
  public readonly subnetIds: Record<Tier, pulumi.Output<string>[]>;
  /** Subnet CIDRs per tier, in AZ order (plain). */
  public readonly subnetCidrs: SubnetLayout;
  /** Route table IDs per tier, in AZ order. */
  public readonly routeTableIds: Record<Tier, pulumi.Output<string>[]>;
  /** NAT gateway IDs: none, one, or one per AZ. */
  public readonly natGatewayIds: pulumi.Output<string>[];
  /** The security group of the interface endpoints (HTTPS from the VPC). */
  public readonly endpointSecurityGroupId: pulumi.Output<string>;
  /** The flow-log group's name. */
  public readonly flowLogGroupName: pulumi.Output<string>;
  /** The KMS key that encrypts the flow logs. */
  public readonly flowLogKeyArn: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:Network", name, {}, opts);
    const azs = args.availabilityZones;
    const layout = carveSubnets(args.cidr, azs.length);
    const tag = (role: string) => ({ Name: `${args.namePrefix}-${role}` });

    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      { cidrBlock: args.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: tag("vpc") },
      { parent: this },
    );
    const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: tag("igw") }, { parent: this });

    const clusterTag = (role: string): Record<string, string> =>
      args.clusterName ? { [`kubernetes.io/cluster/${args.clusterName}`]: "shared", [role]: "1" } : {};
    const tier = (t: Tier, defaultRoute: ConstructorParameters<typeof SubnetTier>[1]["defaultRoute"], subnetTags = {}) =>
      new SubnetTier(
        `${name}-${t}`,
        { tier: t, vpcId: vpc.id, cidrs: layout[t], availabilityZones: azs, defaultRoute, namePrefix: args.namePrefix, subnetTags },
        { parent: this },
      );

    const publicTier = tier("public", { kind: "internetGateway", gatewayId: igw.id }, clusterTag("kubernetes.io/role/elb"));
    const nats = Array.from({ length: natGatewayCount(args.natStrategy, azs.length) }, (_, i) => {
      const suffix = azSuffix(azs[i]);
      const eip = new aws.ec2.Eip(`${name}-nat-eip-${suffix}`, { domain: "vpc", tags: tag(`nat-${suffix}`) }, { parent: this });
      return new aws.ec2.NatGateway(
        `${name}-nat-${suffix}`,
        { allocationId: eip.allocationId, subnetId: publicTier.subnetIds[i], connectivityType: "public", tags: tag(`nat-${suffix}`) },
        { parent: this, dependsOn: [igw] },
      );
    });
    const natRoutes = azs.map((_, i) => natIndexForAz(args.natStrategy, i));
    const applicationTier = tier(
      "application",
      { kind: "nat", natGatewayIds: natRoutes.map((n) => nats[n].id) },
      clusterTag("kubernetes.io/role/internal-elb"),
    );
    const dataTier = tier("data", { kind: "none" });

    // The default security group admits and emits nothing: everything uses its own group.
    new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, ingress: [], egress: [], tags: tag("default-locked") }, { parent: this });

    const flowLogs = createFlowLogs(
      `${name}-flow-logs`,
      { vpcId: vpc.id, identity: args.identity, retentionDays: args.logRetentionDays, namePrefix: args.namePrefix, protect: args.protectStateful },
      this,
    );
    const endpointSecurityGroupId = createEndpoints(
      `${name}-endpoints`,
      {
        vpcId: vpc.id,
        vpcCidr: args.cidr,
        region: args.identity.region,
        subnetIds: applicationTier.subnetIds,
        routeTableIds: [...applicationTier.routeTableIds, ...dataTier.routeTableIds],
        namePrefix: args.namePrefix,
      },
      this,
    );

    this.vpcId = vpc.id;
    this.vpcCidr = args.cidr;
    this.availabilityZones = azs;
    this.subnetIds = { public: publicTier.subnetIds, application: applicationTier.subnetIds, data: dataTier.subnetIds };
    this.subnetCidrs = layout;
    this.routeTableIds = { public: publicTier.routeTableIds, application: applicationTier.routeTableIds, data: dataTier.routeTableIds };
    this.natGatewayIds = nats.map((n) => n.id);
    this.endpointSecurityGroupId = endpointSecurityGroupId;
    this.flowLogGroupName = flowLogs.logGroup.name;
    this.flowLogKeyArn = flowLogs.key.arn;
    this.registerOutputs({
      vpcId: this.vpcId,
      subnetIds: this.subnetIds,
      routeTableIds: this.routeTableIds,
      natGatewayIds: this.natGatewayIds,
      endpointSecurityGroupId: this.endpointSecurityGroupId,
    });
  }
}
