import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Tier } from "./layout";

/** Where a tier's `0.0.0.0/0` route goes, per AZ. */
type DefaultRoute =
  /** Public tier: every AZ's route table sends `0.0.0.0/0` to the internet gateway. */
  | { readonly kind: "internetGateway"; readonly gatewayId: pulumi.Input<string> }
  /** Application tier: AZ `i` sends `0.0.0.0/0` to `natGatewayIds[i]`. */
  | { readonly kind: "nat"; readonly natGatewayIds: readonly pulumi.Input<string>[] }
  /** Data tier, or no NAT: no default route at all. */
  | { readonly kind: "none" };

export interface SubnetTierArgs {
  /** Which tier this is; decides public IPs and tags. */
  readonly tier: Tier;
  /** The VPC to carve the subnets in. */
  readonly vpcId: pulumi.Input<string>;
  /** One CIDR per AZ, in AZ order (from `carveSubnets`). */
  readonly cidrs: readonly string[];
  /** The AZ names, in the same order as `cidrs`. */
  readonly availabilityZones: readonly string[];
  /** Where `0.0.0.0/0` goes from this tier. */
  readonly defaultRoute: DefaultRoute;
  /** The prefix of the AWS `Name` tags, e.g. `platform-prod`. Free to change; logical names are not. */
  readonly namePrefix: string;
  /**
   * Extra tags on the subnets (e.g. the EKS load-balancer role tags).
   * @default - only `Name` and `Tier`.
   */
  readonly subnetTags?: Readonly<Record<string, string>>;
}

/** The AZ suffix used in logical names: `us-east-1a` → `a`. */
export function azSuffix(az: string): string {
  return az.slice(-1);
}

/**
 * One subnet tier: a subnet, a route table and its association in each AZ, plus the
 * tier's default route. Only the public tier maps public IPs on launch.
 */
export class SubnetTier extends pulumi.ComponentResource {
  /** Subnet IDs, in AZ order. */
  public readonly subnetIds: pulumi.Output<string>[];
  /** Route table IDs, in AZ order. */
  public readonly routeTableIds: pulumi.Output<string>[];
  /** The subnets' CIDRs, in AZ order (plain: known before deployment). */
  public readonly cidrs: readonly string[];

  constructor(name: string, args: SubnetTierArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:SubnetTier", name, {}, opts);
    const subnets: aws.ec2.Subnet[] = [];
    const tables: aws.ec2.RouteTable[] = [];

    args.availabilityZones.forEach((az, i) => {
      const suffix = azSuffix(az);
      const tagName = `${args.namePrefix}-${args.tier}-${suffix}`;
      const subnet = new aws.ec2.Subnet(
        `${name}-${suffix}`,
        {
          vpcId: args.vpcId,
          cidrBlock: args.cidrs[i],
          availabilityZone: az,
          mapPublicIpOnLaunch: args.tier === "public",
          tags: { Name: tagName, Tier: args.tier, ...args.subnetTags },
        },
        { parent: this },
      );
      const table = new aws.ec2.RouteTable(
        `${name}-rt-${suffix}`,
        { vpcId: args.vpcId, tags: { Name: `${tagName}-rt`, Tier: args.tier } },
        { parent: this },
      );
      new aws.ec2.RouteTableAssociation(`${name}-rta-${suffix}`, { subnetId: subnet.id, routeTableId: table.id }, { parent: this });

      const route = args.defaultRoute;
      if (route.kind === "internetGateway") {
        new aws.ec2.Route(
          `${name}-default-${suffix}`,
          { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: route.gatewayId },
          { parent: this },
        );
      } else if (route.kind === "nat") {
        new aws.ec2.Route(
          `${name}-default-${suffix}`,
          { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: route.natGatewayIds[i] },
          { parent: this },
        );
      }
      subnets.push(subnet);
      tables.push(table);
    });

    this.subnetIds = subnets.map((s) => s.id);
    this.routeTableIds = tables.map((t) => t.id);
    this.cidrs = args.cidrs;
    this.registerOutputs({ subnetIds: this.subnetIds, routeTableIds: this.routeTableIds });
  }
}
