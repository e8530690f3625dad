import type { NatStrategy } from "../../stacks/network";

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
