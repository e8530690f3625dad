import * as ipaddr from "ipaddr.js";

/**
 * The shortest prefixes a policy accepts for an address block a workload may reach or
 * be reached from. Every IPv4 block shorter than /8 (and IPv6 shorter than /32) covers
 * public address space, since no private range is larger (10/8 is the largest); at /0
 * it is the whole internet.
 */
const MINIMUM_PREFIX = { ipv4: 8, ipv6: 32 } as const;

/**
 * Why `cidr` opens a rule to the world (`0.0.0.0/0`, `::/0`, or any prefix shorter than
 * `MINIMUM_PREFIX`), or `undefined` when it names a bounded block. Exceptions carved out
 * of the block (`except`) do not bound it. A value that is not a CIDR is reported too.
 */
export function worldCidrProblem(cidr: unknown): string | undefined {
  if (typeof cidr !== "string") return undefined;
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(cidr);
  } catch {
    return `${cidr} is not a CIDR block`;
  }
  const [addr, prefix] = parsed;
  const kind = addr.kind() as "ipv4" | "ipv6";
  if (prefix === 0) return `${cidr} is every ${kind === "ipv4" ? "IPv4" : "IPv6"} address`;
  if (prefix < MINIMUM_PREFIX[kind]) return `${cidr} is shorter than /${MINIMUM_PREFIX[kind]} and so covers public address space`;
  return undefined;
}
