import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NatStrategy } from "../../stacks/network";
import { AwsIdentity } from "../shared/identity";
import { createKmsKey, logsGrant } from "../shared/kms";
import { SubnetLayout, Tier, carveSubnets } from "./cidr";
import { INTERFACE_ENDPOINTS, endpointServiceName } from "./endpoints";
import { natGatewayCount, natIndexForAz } from "./nat";
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
  /**
   * Keep the flow-log key and log group on `pulumi destroy` and refuse to delete them.
   * @default - false: they are deleted with the stack.
   */
  readonly protectStateful?: boolean;
  /**
   * The EKS cluster name to tag subnets for (load-balancer discovery).
   * @default - no cluster tags.
   */
  readonly clusterName?: string;
}

/**
 * The VPC and its three subnet tiers (public, private application, private data), with
 * NAT by strategy, flow logs to a KMS-encrypted log group, a locked default security
 * group and private VPC endpoints for S3, ECR, STS, Secrets Manager, KMS and Logs.
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
      natRoutes.every((n) => n !== undefined)
        ? { kind: "nat", natGatewayIds: natRoutes.map((n) => nats[n as number].id) }
        : { kind: "none" },
      clusterTag("kubernetes.io/role/internal-elb"),
    );
    const dataTier = tier("data", { kind: "none" });

    // The default security group admits and emits nothing: everything uses its own group.
    new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, ingress: [], egress: [], tags: tag("default-locked") }, { parent: this });

    // Flow logs: ALL traffic, to a log group encrypted with its own key.
    const stateful = { parent: this, protect: args.protectStateful ?? false };
    const flowKey = createKmsKey(
      `${name}-flow-logs-key`,
      { description: `${args.namePrefix} VPC flow logs`, identity: args.identity, services: [logsGrant(args.identity)], alias: `${args.namePrefix}/flow-logs` },
      stateful,
    );
    const flowGroup = new aws.cloudwatch.LogGroup(
      `${name}-flow-logs`,
      { name: `/${args.namePrefix}/vpc/flow-logs`, retentionInDays: args.logRetentionDays, kmsKeyId: flowKey.arn, tags: tag("flow-logs") },
      stateful,
    );
    const flowRole = new aws.iam.Role(
      `${name}-flow-logs-role`,
      {
        description: "Lets VPC Flow Logs write to its log group.",
        assumeRolePolicy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "vpc-flow-logs.amazonaws.com" },
              Action: "sts:AssumeRole",
              Condition: { StringEquals: { "aws:SourceAccount": args.identity.accountId } },
            },
          ],
        }),
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-flow-logs-write`,
      {
        role: flowRole.id,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
              Resource: [flowGroup.arn, pulumi.interpolate`${flowGroup.arn}:*`],
            },
          ],
        }),
      },
      { parent: this },
    );
    new aws.ec2.FlowLog(
      `${name}-flow-log`,
      {
        vpcId: vpc.id,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: flowGroup.arn,
        iamRoleArn: flowRole.arn,
        maxAggregationInterval: 60,
        tags: tag("flow-log"),
      },
      { parent: this },
    );

    // VPC endpoints: S3 through the private route tables, the rest as interfaces.
    const endpointSg = new aws.ec2.SecurityGroup(
      `${name}-endpoints-sg`,
      { vpcId: vpc.id, description: "VPC interface endpoints: HTTPS from inside the VPC only.", tags: tag("endpoints") },
      { parent: this },
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-endpoints-https`,
      { securityGroupId: endpointSg.id, cidrIpv4: args.cidr, ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "HTTPS to the AWS API endpoints from the VPC." },
      { parent: this },
    );
    new aws.ec2.VpcEndpoint(
      `${name}-endpoint-s3`,
      {
        vpcId: vpc.id,
        serviceName: endpointServiceName(args.identity.region, "s3"),
        vpcEndpointType: "Gateway",
        routeTableIds: [...applicationTier.routeTableIds, ...dataTier.routeTableIds],
        tags: tag("endpoint-s3"),
      },
      { parent: this },
    );
    for (const [role, service] of Object.entries(INTERFACE_ENDPOINTS)) {
      new aws.ec2.VpcEndpoint(
        `${name}-endpoint-${role}`,
        {
          vpcId: vpc.id,
          serviceName: endpointServiceName(args.identity.region, service),
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: applicationTier.subnetIds,
          securityGroupIds: [endpointSg.id],
          tags: tag(`endpoint-${role}`),
        },
        { parent: this },
      );
    }

    this.vpcId = vpc.id;
    this.vpcCidr = args.cidr;
    this.availabilityZones = azs;
    this.subnetIds = { public: publicTier.subnetIds, application: applicationTier.subnetIds, data: dataTier.subnetIds };
    this.subnetCidrs = layout;
    this.routeTableIds = { public: publicTier.routeTableIds, application: applicationTier.routeTableIds, data: dataTier.routeTableIds };
    this.natGatewayIds = nats.map((n) => n.id);
    this.endpointSecurityGroupId = endpointSg.id;
    this.flowLogGroupName = flowGroup.name;
    this.flowLogKeyArn = flowKey.arn;
    this.registerOutputs({
      vpcId: this.vpcId,
      subnetIds: this.subnetIds,
      routeTableIds: this.routeTableIds,
      natGatewayIds: this.natGatewayIds,
      endpointSecurityGroupId: this.endpointSecurityGroupId,
    });
  }
}
