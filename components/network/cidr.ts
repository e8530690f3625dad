/**
 * Pure IPv4 CIDR arithmetic and the subnet layout of the VPC.
 *
 * The layout is fixed per tier and per AZ *slot*, not per AZ count, so adding an AZ
 * never moves an existing subnet (the property tests pin this):
 *
 * - the first half of the VPC is the private application tier (EKS nodes and pods take
 *   VPC addresses through the VPC CNI, so this tier gets the most room);
 * - the third quarter is the public tier;
 * - the fourth quarter is the private data tier.
 *
 * Each tier block is cut into {@link AZ_SLOTS} equal slots; AZ number `i` always takes
 * slot `i`. For a `/16` VPC that gives `/20` application subnets and `/21` public and
 * data subnets.
 */
import * as ipaddr from "ipaddr.js";

/** The three subnet tiers, in the order they are described and output. */
export const TIERS = ["public", "application", "data"] as const;
export type Tier = (typeof TIERS)[number];

/** AZ slots reserved per tier. Caps the AZ count and fixes every subnet's place. */
export const AZ_SLOTS = 8;
/** The most AZs a VPC can span here (no AWS region has more than six). */
export const MAX_AZ_COUNT = 6;
/** The fewest AZs: EKS, RDS subnet groups and MSK all need at least two. */
export const MIN_AZ_COUNT = 2;
/** AWS accepts VPC and subnet prefixes from /16 to /28. */
export const AWS_MIN_PREFIX = 16;
export const AWS_MAX_PREFIX = 28;

/** Where each tier sits inside the VPC: a block of `2^-bits` of it, at `index`. */
const TIER_BLOCKS: Record<Tier, { readonly bits: number; readonly index: number }> = {
  application: { bits: 1, index: 0 },
  public: { bits: 2, index: 2 },
  data: { bits: 2, index: 3 },
};
const SLOT_BITS = Math.log2(AZ_SLOTS);

/** The largest VPC prefix whose smallest subnet is still a valid AWS subnet. */
export const MAX_VPC_PREFIX =
  AWS_MAX_PREFIX - Math.max(...Object.values(TIER_BLOCKS).map((b) => b.bits)) - SLOT_BITS;

/** A parsed IPv4 network. */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

/** Why a string is not a usable IPv4 network, or `undefined` when it is. */
export function cidrProblem(text: string): string | undefined {
  if (typeof text !== "string" || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) {
    return "is not an IPv4 CIDR of the form a.b.c.d/n";
  }
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.IPv4.parseCIDR(text);
  } catch {
    return "is not an IPv4 CIDR: each octet must be 0-255 and the prefix 0-32";
  }
  const base = toInt(parsed[0] as ipaddr.IPv4);
  const prefix = parsed[1];
  if ((base & ~mask(prefix)) >>> 0 !== 0) {
    return `has host bits set; the network address is ${format({ base: base & mask(prefix), prefix })}`;
  }
  return undefined;
}

/** Parses a CIDR that {@link cidrProblem} accepted. Throws on anything else. */
export function parseCidr(text: string): Cidr {
  const problem = cidrProblem(text);
  if (problem) throw new Error(`${JSON.stringify(text)} ${problem}`);
  const [addr, prefix] = ipaddr.IPv4.parseCIDR(text);
  return { base: toInt(addr), prefix };
}

export function format(cidr: Cidr): string {
  const b = cidr.base >>> 0;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${cidr.prefix}`;
}

/** The `index`-th block of `2^bits` equal blocks of `cidr`. */
export function subdivide(cidr: Cidr, bits: number, index: number): Cidr {
  const prefix = cidr.prefix + bits;
  if (prefix > 32) throw new Error(`cannot split /${cidr.prefix} by ${bits} more bits`);
  if (index < 0 || index >= 2 ** bits) throw new Error(`block ${index} is outside 0..${2 ** bits - 1}`);
  return { base: (cidr.base + index * 2 ** (32 - prefix)) >>> 0, prefix };
}

/** True when the two networks share at least one address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  const p = Math.min(a.prefix, b.prefix);
  return (a.base & mask(p)) >>> 0 === (b.base & mask(p)) >>> 0;
}

/** True when `inner` lies wholly inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && (inner.base & mask(outer.prefix)) >>> 0 === outer.base;
}

/** True for RFC 1918 and RFC 6598 (carrier-grade NAT) ranges, which AWS recommends for VPCs. */
export function isPrivate(cidr: Cidr): boolean {
  return PRIVATE_RANGES.some((r) => contains(r, cidr));
}
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map(parseCidr);
/** RFC 1918 only: the ranges EKS accepts for the Kubernetes service network. */
export function isRfc1918(cidr: Cidr): boolean {
  return PRIVATE_RANGES.slice(0, 3).some((r) => contains(r, cidr));
}

/** Subnet CIDRs per tier, ordered by AZ. */
export type SubnetLayout = Record<Tier, string[]>;

/**
 * Carves one subnet per tier per AZ out of `vpcCidr`.
 *
 * @throws Error when the VPC is too small or the AZ count is outside
 *   {@link MIN_AZ_COUNT}..{@link MAX_AZ_COUNT}; the settings validation reports both
 *   earlier, with the stack and setting named.
 */
export function carveSubnets(vpcCidr: string, azCount: number): SubnetLayout {
  const vpc = parseCidr(vpcCidr);
  if (!Number.isInteger(azCount) || azCount < MIN_AZ_COUNT || azCount > MAX_AZ_COUNT) {
    throw new Error(`azCount ${azCount} is outside ${MIN_AZ_COUNT}..${MAX_AZ_COUNT}`);
  }
  if (vpc.prefix > MAX_VPC_PREFIX) {
    throw new Error(`${vpcCidr} is too small: the prefix must be /${MAX_VPC_PREFIX} or shorter`);
  }
  const layout = {} as SubnetLayout;
  for (const tier of TIERS) {
    const block = subdivide(vpc, TIER_BLOCKS[tier].bits, TIER_BLOCKS[tier].index);
    layout[tier] = Array.from({ length: azCount }, (_, az) => format(subdivide(block, SLOT_BITS, az)));
  }
  return layout;
}

function toInt(addr: ipaddr.IPv4 | ipaddr.IPv6): number {
  const [a, b, c, d] = (addr as ipaddr.IPv4).octets;
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
}
