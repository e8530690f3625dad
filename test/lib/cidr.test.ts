import { describe, expect, it } from "vitest";
import { cidrProblem, contains, format, overlaps, parseCidr } from "../../lib/cidr";

describe("cidrProblem", () => {
  it.each([
    ["10.0.0.0/16", undefined],
    ["10.0.0.0/33", "is not an IPv4 CIDR: each octet must be 0-255 and the prefix 0-32"],
    ["10.0.0.256/16", "is not an IPv4 CIDR: each octet must be 0-255 and the prefix 0-32"],
    ["10.0.0/16", "is not an IPv4 CIDR of the form a.b.c.d/n"],
    ["10.0.0.0", "is not an IPv4 CIDR of the form a.b.c.d/n"],
    ["fd00::/8", "is not an IPv4 CIDR of the form a.b.c.d/n"],
    ["10.1.2.0/8", "has host bits set; the network address is 10.0.0.0/8"],
  ])("%s", (text, problem) => {
    expect(cidrProblem(text)).toBe(problem);
  });

  it("overlaps and contains agree on nested and disjoint networks", () => {
    const vpc = parseCidr("10.0.0.0/16");
    expect(overlaps(vpc, parseCidr("10.0.5.0/24"))).toBe(true);
    expect(contains(vpc, parseCidr("10.0.5.0/24"))).toBe(true);
    expect(contains(parseCidr("10.0.5.0/24"), vpc)).toBe(false);
    expect(overlaps(vpc, parseCidr("10.1.0.0/16"))).toBe(false);
    expect(format(parseCidr("172.20.0.0/16"))).toBe("172.20.0.0/16");
  });
});
