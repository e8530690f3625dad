/**
 * How private application subnets reach the internet.
 *
 * - `OnePerAz`: one NAT gateway in each AZ's public subnet; each AZ's application
 *   subnet uses its own. Recommended for production: an AZ outage takes out only its
 *   own egress.
 * - `Single`: one NAT gateway in the first AZ, shared by all application subnets.
 *   Cheaper, for development; egress depends on one AZ.
 *
 * There is no `None`: a cluster with no way out cannot start (the settings refuse it,
 * see `NAT_NONE_REJECTED` in stacks/network.ts).
 */
export const NAT_STRATEGIES = ["Single", "OnePerAz"] as const;
export type NatStrategy = (typeof NAT_STRATEGIES)[number];

/** How many NAT gateways a strategy needs for `azCount` AZs. */
export function natGatewayCount(strategy: NatStrategy, azCount: number): number {
  switch (strategy) {
    case "Single":
      return 1;
    case "OnePerAz":
      return azCount;
  }
}

/**
 * Which NAT gateway AZ `azIndex`'s application subnet routes through: its own for
 * `OnePerAz`, the first for `Single`.
 */
export function natIndexForAz(strategy: NatStrategy, azIndex: number): number {
  switch (strategy) {
    case "Single":
      return 0;
    case "OnePerAz":
      return azIndex;
  }
}
