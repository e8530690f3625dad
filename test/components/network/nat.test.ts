import { describe, expect, it } from "vitest";
import { NAT_STRATEGIES, natGatewayCount, natIndexForAz } from "../../../components/network/nat";

describe("NAT strategy", () => {
  it.each([
    ["Single", 3, 1, [0, 0, 0]],
    ["OnePerAz", 3, 3, [0, 1, 2]],
    ["OnePerAz", 2, 2, [0, 1]],
    ["Single", 6, 1, [0, 0, 0, 0, 0, 0]],
  ] as const)("%s over %i AZs: %i gateways, AZ i routes through %j", (strategy, azs, count, routes) => {
    expect(natGatewayCount(strategy, azs)).toBe(count);
    expect(Array.from({ length: azs }, (_, i) => natIndexForAz(strategy, i))).toEqual(routes);
  });

  it("offers Single and OnePerAz only: a cluster with no NAT could not start (see the settings tests)", () => {
    expect(NAT_STRATEGIES).toEqual(["Single", "OnePerAz"]);
  });
});
