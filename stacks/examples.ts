/**
 * Documentation and example values: fine offline and in `pulumi preview` (the stack files
 * ship with them so anyone can plan), refused by `pulumi up`, which would otherwise
 * deploy a gateway trusting someone else's IdP or open an endpoint to a documentation
 * range. This is the one list of them: to guard another setting, add one line to
 * {@link EXAMPLE_VALUES}.
 */
import { cidrProblem, contains, parseCidr } from "../lib/cidr";
import type { SettingProblem } from "./errors";
import { pathText } from "./paths";

/** One kind of example value at one setting. */
export interface ExampleValue {
  /**
   * The setting, in `pulumi config set --path` syntax without the namespace; `*` stands
   * for any key or index: `mesh.jwt.issuer`, `cluster.publicAccessCidrs[*]`,
   * `services.*.egressHosts[*]`.
   */
  readonly path: string;
  /** True when the value found there is an example value. */
  readonly matches: (value: unknown) => boolean;
  /** Why it is one, and what to put there instead (shown as "allowed"). */
  readonly why: string;
}

/** The documentation ranges of RFC 5737 (TEST-NET-1, -2 and -3). */
const DOCUMENTATION_CIDRS = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"] as const;

/**
 * Domains that only ever stand for "your domain here": the seed's sample IdP
 * (`company.com`) and the names RFC 2606 and RFC 6761 reserve for documentation and
 * tests.
 */
const EXAMPLE_DOMAINS = ["company.com", "example.com", "example.net", "example.org", "example", "test", "invalid"] as const;

/** True for a CIDR inside a documentation range. */
export function isDocumentationCidr(value: unknown): boolean {
  if (typeof value !== "string" || cidrProblem(value)) return false;
  const cidr = parseCidr(value);
  return DOCUMENTATION_CIDRS.some((doc) => contains(parseCidr(doc), cidr));
}

/** True for a DNS name (or the host of a URL) in an example domain. */
export function isExampleDomain(value: unknown): boolean {
  if (typeof value !== "string") return false;
  let host = value.toLowerCase();
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) host = new URL(host).hostname;
  } catch {
    return false;
  }
  return EXAMPLE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** Every example value `pulumi up` refuses, by setting. Add one line to guard another. */
export const EXAMPLE_VALUES: readonly ExampleValue[] = [
  {
    path: "mesh.jwt.issuer",
    matches: isExampleDomain,
    why: "the issuer of your own identity provider (the stack files ship the seed's sample IdP https://auth.company.com)",
  },
  {
    path: "mesh.jwt.jwksUri",
    matches: isExampleDomain,
    why: "the JWKS endpoint of your own identity provider (the stack files ship the seed's sample IdP)",
  },
  { path: "mesh.jwt.audiences[*]", matches: isExampleDomain, why: "the audience your own API tokens carry" },
  { path: "mesh.ingressHosts[*]", matches: isExampleDomain, why: "a DNS name your organisation owns" },
  {
    path: "cluster.publicAccessCidrs[*]",
    matches: isDocumentationCidr,
    why: `your operators' public egress range (${DOCUMENTATION_CIDRS.join(", ")} are RFC 5737 documentation ranges)`,
  },
  { path: "services.*.egressHosts[*]", matches: isExampleDomain, why: "the real external host the service calls" },
  {
    path: "services.*.egressCidrs[*]",
    matches: isDocumentationCidr,
    why: "the public blocks the service's external hosts resolve to, as their provider publishes them",
  },
  { path: "edge.domain", matches: isExampleDomain, why: "a public domain your organisation owns, delegated to a Route 53 hosted zone in this account" },
  {
    path: "edge.hostedZoneId",
    matches: (value) => typeof value === "string" && /EXAMPLE/i.test(value),
    why: "the ID of the public Route 53 hosted zone of edge.domain (aws route53 list-hosted-zones-by-name)",
  },
];

/** `services.*.egressHosts[*]` → `["services", "*", "egressHosts", "*"]`. */
function segments(path: string): string[] {
  return path.replace(/\[([^\]]+)\]/g, ".$1").split(".");
}

/** Every `[path, value]` a pattern such as `services.*.egressHosts[*]` reaches in `tree`. */
export function valuesAt(tree: unknown, pattern: string): [(string | number)[], unknown][] {
  return reach(tree, segments(pattern));
}

function reach(tree: unknown, pattern: readonly string[], at: (string | number)[] = []): [(string | number)[], unknown][] {
  if (pattern.length === 0) return [[at, tree]];
  const [head, ...rest] = pattern;
  if (Array.isArray(tree)) {
    const indexes = head === "*" ? tree.map((_, i) => i) : /^\d+$/.test(head) ? [Number(head)] : [];
    return indexes.filter((i) => i < tree.length).flatMap((i) => reach(tree[i], rest, [...at, i]));
  }
  if (tree && typeof tree === "object") {
    const obj = tree as Record<string, unknown>;
    const keys = head === "*" ? Object.keys(obj) : head in obj ? [head] : [];
    return keys.flatMap((k) => reach(obj[k], rest, [...at, k]));
  }
  return [];
}

/**
 * The example values in `settings`, one problem each; none during a dry run (preview and
 * the offline plan), where they are expected.
 */
export function exampleValueProblems(settings: unknown, mode: { readonly dryRun: boolean }): SettingProblem[] {
  if (mode.dryRun) return [];
  return EXAMPLE_VALUES.flatMap((example) =>
    valuesAt(settings, example.path)
      .filter(([, value]) => example.matches(value))
      .map(([path, value]) => ({
        path: pathText(path),
        value,
        problem: "is an example value, which pulumi up refuses (preview and the offline plan accept it)",
        allowed: example.why,
      })),
  );
}
