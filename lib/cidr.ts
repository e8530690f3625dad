/**
 * Pure IPv4 CIDR arithmetic: parsing with a reason for every refusal, formatting,
 * subdividing, overlap and containment, private ranges. No AWS or platform knowledge:
 * the VPC's subnet layout built on it is `components/network/layout.ts`.
 */
import * as ipaddr from "ipaddr.js";

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

function toInt(addr: ipaddr.IPv4 | ipaddr.IPv6): number {
  const [a, b, c, d] = (addr as ipaddr.IPv4).octets;
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
}
