import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contains, format, overlaps, parseCidr } from "../../../lib/cidr";
import { MAX_AZ_COUNT, MAX_VPC_PREFIX, MIN_AZ_COUNT, TIERS, carveSubnets } from "../../../components/network/layout";

describe("carveSubnets", () => {
  it.each([
    [
      "10.0.0.0/16",
      3,
      {
        public: ["10.0.128.0/21", "10.0.136.0/21", "10.0.144.0/21"],
        application: ["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"],
        data: ["10.0.192.0/21", "10.0.200.0/21", "10.0.208.0/21"],
      },
    ],
    [
      "172.16.0.0/20",
      2,
      {
        public: ["172.16.8.0/25", "172.16.8.128/25"],
        application: ["172.16.0.0/24", "172.16.1.0/24"],
        data: ["172.16.12.0/25", "172.16.12.128/25"],
      },
    ],
    [
      "192.168.0.0/23",
      6,
      {
        public: ["192.168.1.0/28", "192.168.1.16/28", "192.168.1.32/28", "192.168.1.48/28", "192.168.1.64/28", "192.168.1.80/28"],
        application: ["192.168.0.0/27", "192.168.0.32/27", "192.168.0.64/27", "192.168.0.96/27", "192.168.0.128/27", "192.168.0.160/27"],
        data: ["192.168.1.128/28", "192.168.1.144/28", "192.168.1.160/28", "192.168.1.176/28", "192.168.1.192/28", "192.168.1.208/28"],
      },
    ],
  ])("carves %s over %i AZs", (vpc, azs, expected) => {
    expect(carveSubnets(vpc, azs)).toEqual(expected);
  });

  it.each([
    ["10.0.0.0/24", 3, "10.0.0.0/24 is too small: the prefix must be /23 or shorter"],
    ["10.0.0.0/16", 1, "azCount 1 is outside 2..6"],
    ["10.0.0.0/16", 7, "azCount 7 is outside 2..6"],
    ["10.0.0.1/16", 3, '"10.0.0.1/16" has host bits set; the network address is 10.0.0.0/16'],
  ])("rejects %s with %i AZs", (vpc, azs, message) => {
    expect(() => carveSubnets(vpc, azs)).toThrow(message);
  });
});

/** A private VPC CIDR with a prefix the layout accepts. */
const vpcCidr = fc
  .record({
    base: fc.constantFrom("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"),
    prefix: fc.integer({ min: 16, max: MAX_VPC_PREFIX }),
    seed: fc.nat(),
  })
  .map(({ base, prefix, seed }) => {
    const outer = parseCidr(base);
    const p = Math.max(prefix, outer.prefix);
    const blocks = 2 ** (p - outer.prefix);
    return format({ base: (outer.base + (seed % blocks) * 2 ** (32 - p)) >>> 0, prefix: p });
  });
const azCount = fc.integer({ min: MIN_AZ_COUNT, max: MAX_AZ_COUNT });

describe("carveSubnets properties", () => {
  it("never overlaps two subnets", () => {
    fc.assert(
      fc.property(vpcCidr, azCount, (vpc, n) => {
        const all = TIERS.flatMap((t) => carveSubnets(vpc, n)[t]).map(parseCidr);
        for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i], all[j])).toBe(false);
      }),
    );
  });

  it("keeps every subnet inside the VPC, and at least a /28", () => {
    fc.assert(
      fc.property(vpcCidr, azCount, (vpc, n) => {
        for (const s of TIERS.flatMap((t) => carveSubnets(vpc, n)[t]).map(parseCidr)) {
          expect(contains(parseCidr(vpc), s)).toBe(true);
          expect(s.prefix).toBeLessThanOrEqual(28);
        }
      }),
    );
  });

  it("keeps existing subnets where they are when an AZ is added", () => {
    fc.assert(
      fc.property(vpcCidr, fc.integer({ min: MIN_AZ_COUNT, max: MAX_AZ_COUNT - 1 }), (vpc, n) => {
        const before = carveSubnets(vpc, n);
        const after = carveSubnets(vpc, n + 1);
        for (const t of TIERS) expect(after[t].slice(0, n)).toEqual(before[t]);
      }),
    );
  });
});
