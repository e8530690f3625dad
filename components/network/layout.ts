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
import { format, parseCidr, subdivide } from "../../lib/cidr";

/** The three subnet tiers, in the order they are described and output. */
export const TIERS = ["public", "application", "data"] as const;
export type Tier = (typeof TIERS)[number];

/** AZ slots reserved per tier. Caps the AZ count and fixes every subnet's place. */
const AZ_SLOTS = 8;
/** The most AZs a VPC can span here (no AWS region has more than six). */
export const MAX_AZ_COUNT = 6;
/** The fewest AZs: EKS, RDS subnet groups and MSK all need at least two. */
export const MIN_AZ_COUNT = 2;
/** AWS accepts VPC and subnet prefixes from /16 to /28. */
export const AWS_MIN_PREFIX = 16;
const AWS_MAX_PREFIX = 28;

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
