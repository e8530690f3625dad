import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { StackIndex } from "./stack";
import { known } from "./unknown";

/** The subnet tiers the platform uses. `private` is a non-public subnet of no known tier. */
export type Tier = "public" | "application" | "data" | "private";

const TIER_NAMES: Record<string, Tier> = {
  public: "public",
  application: "application",
  app: "application",
  "private-app": "application",
  data: "data",
  database: "data",
  db: "data",
  isolated: "data",
  private: "private",
};

/** A route, from an `aws.ec2.Route` resource or an inline route of a route table. */
export interface RouteInfo {
  /** The resource that declares the route (the route, or the table for inline routes). */
  readonly resource: PolicyResource;
  readonly destination: string | undefined;
  readonly target: "igw" | "nat" | "other";
  /** The target's input and value, for messages, e.g. `gatewayId=network-igw-id`. */
  readonly targetText: string;
}

/** A route table with its routes, associated subnets and tier. */
export interface RouteTableInfo {
  readonly table: PolicyResource;
  readonly routes: RouteInfo[];
  readonly subnets: PolicyResource[];
  /** `undefined` when nothing says what the table serves. */
  readonly tier: Tier | undefined;
}

const TARGET_FIELDS = [
  "gatewayId",
  "natGatewayId",
  "transitGatewayId",
  "vpcEndpointId",
  "vpcPeeringConnectionId",
  "networkInterfaceId",
  "egressOnlyGatewayId",
  "carrierGatewayId",
  "localGatewayId",
  "coreNetworkArn",
] as const;

/** The `Tier` tag of a resource, normalised; `undefined` when absent or unrecognised. */
function tierTag(r: PolicyResource): Tier | undefined {
  const tags = known(() => r.props.tags as Record<string, unknown> | undefined);
  const value = known(() => (tags ? (tags.Tier ?? tags.tier) : undefined));
  return typeof value === "string" ? TIER_NAMES[value.toLowerCase()] : undefined;
}

/** True for a default route: `0.0.0.0/0` or `::/0`. */
export function isDefaultRoute(route: RouteInfo): boolean {
  return route.destination === "0.0.0.0/0" || route.destination === "::/0";
}

/**
 * The VPC's routing as the egress policies see it: every route table with its routes
 * (resources and inline), its associated subnets and its tier. A table's tier comes from
 * its own `Tier` tag, else from its subnets' `Tier` tags, else from their
 * `mapPublicIpOnLaunch`; a table with nothing to go on has no tier.
 */
export function routeTables(stack: StackIndex): RouteTableInfo[] {
  const tables = stack.ofType(aws.ec2.RouteTable);
  const routesOf = new Map<PolicyResource, RouteInfo[]>(tables.map((t) => [t, inlineRoutes(stack, t)]));
  for (const route of stack.ofType(aws.ec2.Route)) {
    for (const table of stack.refs(route, "routeTableId", aws.ec2.RouteTable)) {
      routesOf.get(table)?.push(routeInfo(stack, route, route.props, "gatewayId"));
    }
  }
  const subnetsOf = new Map<PolicyResource, PolicyResource[]>(tables.map((t) => [t, []]));
  for (const assoc of stack.ofType(aws.ec2.RouteTableAssociation)) {
    const subnets = stack.refs(assoc, "subnetId", aws.ec2.Subnet);
    for (const table of stack.refs(assoc, "routeTableId", aws.ec2.RouteTable)) subnetsOf.get(table)?.push(...subnets);
  }
  return tables.map((table) => {
    const subnets = subnetsOf.get(table) ?? [];
    return { table, routes: routesOf.get(table) ?? [], subnets, tier: tableTier(table, subnets) };
  });
}

function tableTier(table: PolicyResource, subnets: readonly PolicyResource[]): Tier | undefined {
  const own = tierTag(table);
  if (own) return own;
  const tagged = subnets.map(tierTag).find((t) => t !== undefined);
  if (tagged) return tagged;
  if (subnets.length === 0) return undefined;
  return subnets.some((s) => known(() => s.props.mapPublicIpOnLaunch) === true) ? "public" : "private";
}

function inlineRoutes(stack: StackIndex, table: PolicyResource): RouteInfo[] {
  const routes = known(() => table.props.routes as Record<string, unknown>[] | undefined) ?? [];
  return routes.map((r) => routeInfo(stack, table, r, "routes"));
}

function routeInfo(stack: StackIndex, resource: PolicyResource, props: Record<string, unknown>, gatewayProp: string): RouteInfo {
  const destination = known(() => (props.destinationCidrBlock ?? props.cidrBlock ?? props.destinationIpv6CidrBlock ?? props.ipv6CidrBlock) as string | undefined);
  const field = TARGET_FIELDS.find((f) => known(() => props[f]) !== undefined && known(() => props[f]) !== null && known(() => props[f]) !== "");
  const value = field ? String(known(() => props[field]) ?? "[unknown]") : "";
  let target: RouteInfo["target"] = "other";
  if (field === "natGatewayId") target = "nat";
  else if (field === "gatewayId") {
    // A route resource's `gatewayId` depends on exactly its target; an inline route's
    // dependency is recorded on the table's `routes`, shared by all its routes.
    const viaIgw = stack.refs(resource, gatewayProp, aws.ec2.InternetGateway).length > 0 && !value.startsWith("vgw-");
    target = value.startsWith("igw-") || viaIgw ? "igw" : "other";
  }
  return { resource, destination, target, targetText: field ? `${field}=${value}` : "no target" };
}

/** Subnets with their tier: the `Tier` tag, else public when a route table sends it to an internet gateway. */
export function subnetTiers(stack: StackIndex): Map<PolicyResource, Tier> {
  const result = new Map<PolicyResource, Tier>();
  const tables = routeTables(stack);
  for (const subnet of stack.ofType(aws.ec2.Subnet)) {
    const tag = tierTag(subnet);
    if (tag) {
      result.set(subnet, tag);
      continue;
    }
    const viaIgw = tables.some((t) => t.subnets.includes(subnet) && t.routes.some((r) => r.target === "igw" && isDefaultRoute(r)));
    result.set(subnet, viaIgw ? "public" : "private");
  }
  return result;
}
