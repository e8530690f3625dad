/**
 * The dated support calendar the version policies share: when standard support ends for
 * each Lambda runtime, EKS Kubernetes version, RDS engine major version and Istio minor
 * version this platform can meet. One table, one checker ({@link supportProblem}); each
 * policy only picks the product and the version out of its resource.
 *
 * Dates are ISO `YYYY-MM-DD`, the first day a version is no longer in standard support:
 * a version fails when the calendar's as-of date is on or after its date.
 *
 * Unlisted versions are decided by {@link supportProblem}:
 * - newer than the newest listed cycle of its product: passes (a release after the table
 *   was written is not, by itself, a problem; add it with its date when you adopt it);
 * - older than the oldest listed cycle: fails (long out of support);
 * - between listed cycles, or not a version of the product at all: fails, naming the
 *   product, so a typo or an unknown engine cannot slip through.
 *
 * Sources were looked up on 2026-12-02; each product names where its dates come from.
 */

/** The as-of date the version policies use when a stack's pack config names none. */
export const DEFAULT_AS_OF = "2026-12-02";

/** The config schema of a policy that checks the calendar: its as-of date. */
export const AS_OF_CONFIG_SCHEMA = {
  properties: { asOf: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", default: DEFAULT_AS_OF } },
} as const;

/** A policy's calendar config. */
export interface CalendarConfig {
  /** The date support is judged at, `YYYY-MM-DD`. */
  readonly asOf: string;
}

/** One release line and the first day it is out of standard support. */
interface SupportCycle {
  /** The release line: `24` (Node.js), `3.13` (Python), `1.35` (EKS), `16` (PostgreSQL), `8.4` (MySQL), `1.31` (Istio). */
  readonly cycle: string;
  /** The first day without standard support (Lambda: deprecation, when creates are blocked soon after). */
  readonly end: string;
  /** True when the date is the project's estimate from the vendor's policy, not a published date. */
  readonly estimated?: boolean;
}

/** A product of the calendar: a name for messages, where its dates come from, and its cycles. */
export interface SupportProduct {
  readonly label: string;
  readonly source: string;
  readonly cycles: readonly SupportCycle[];
}

const LAMBDA_SOURCE =
  "docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (deprecation column), as mirrored by tflint-ruleset-aws " +
  "rules/aws_lambda_function_deprecated_runtime.go and endoflife.date/aws-lambda; confirmed 2026-12-02";

/** The support calendar, by product key. */
export const SUPPORT_CALENDAR = {
  // nodejs20.x: deprecated 2026-04-30, creates blocked 2026-08-31 (pocketlantern brief quoting the runtimes page).
  "lambda:nodejs": {
    label: "Lambda runtime nodejs",
    source: LAMBDA_SOURCE,
    cycles: [
      { cycle: "16", end: "2024-06-12" },
      { cycle: "18", end: "2025-09-01" },
      { cycle: "20", end: "2026-04-30" },
      { cycle: "22", end: "2027-04-30" },
      { cycle: "24", end: "2028-04-30" },
    ],
  },
  "lambda:python": {
    label: "Lambda runtime python",
    source: LAMBDA_SOURCE,
    cycles: [
      { cycle: "3.8", end: "2024-10-14" },
      { cycle: "3.9", end: "2025-12-15" },
      { cycle: "3.10", end: "2026-06-30" },
      { cycle: "3.11", end: "2026-06-30" },
      { cycle: "3.12", end: "2028-10-31" },
      { cycle: "3.13", end: "2029-06-30" },
      { cycle: "3.14", end: "2029-06-30" },
    ],
  },
  "lambda:java": {
    label: "Lambda runtime java",
    source: LAMBDA_SOURCE,
    cycles: [
      { cycle: "8", end: "2026-06-30" },
      { cycle: "11", end: "2026-06-30" },
      { cycle: "17", end: "2026-06-30" },
      { cycle: "21", end: "2029-06-30" },
      { cycle: "25", end: "2029-06-30" },
    ],
  },
  "lambda:ruby": {
    label: "Lambda runtime ruby",
    source: LAMBDA_SOURCE,
    cycles: [
      { cycle: "3.2", end: "2026-03-31" },
      { cycle: "3.3", end: "2027-03-31" },
      { cycle: "3.4", end: "2028-03-31" },
    ],
  },
  "lambda:dotnet": {
    label: "Lambda runtime dotnet",
    source: LAMBDA_SOURCE,
    cycles: [
      { cycle: "6", end: "2024-11-12" },
      { cycle: "8", end: "2026-11-10" },
      { cycle: "10", end: "2028-11-14" },
    ],
  },
  // OS-only runtimes: `provided.al2` and `provided.al2023` (cycle = the Amazon Linux release).
  "lambda:provided": {
    label: "Lambda runtime provided",
    source: LAMBDA_SOURCE,
    cycles: [
      { cycle: "2", end: "2026-06-30" },
      { cycle: "2023", end: "2029-06-30" },
    ],
  },
  // End of standard support per the EKS Kubernetes release calendar (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html),
  // as mirrored by endoflife.date/amazon-eks and aws-samples/sample-apex-skills (verified 2026-04-24); confirmed 2026-12-02.
  // 1.36 is not listed yet (no published end date found): as the newest it passes, see the module comment.
  eks: {
    label: "EKS Kubernetes version",
    source: "docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html (release calendar); endoflife.date/amazon-eks",
    cycles: [
      { cycle: "1.29", end: "2025-03-23" },
      { cycle: "1.30", end: "2025-07-23" },
      { cycle: "1.31", end: "2025-11-26" },
      { cycle: "1.32", end: "2026-03-23" },
      { cycle: "1.33", end: "2026-07-29" },
      { cycle: "1.34", end: "2026-12-02" },
      { cycle: "1.35", end: "2027-03-27" },
    ],
  },
  // RDS end of standard support per major version (RDS for PostgreSQL release calendar,
  // docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html); confirmed 2026-12-02.
  "rds:postgres": {
    label: "RDS for PostgreSQL major version",
    source: "docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html",
    cycles: [
      { cycle: "11", end: "2024-02-29" },
      { cycle: "12", end: "2025-02-28" },
      { cycle: "13", end: "2026-02-28" },
      { cycle: "14", end: "2027-02-28" },
      { cycle: "15", end: "2028-02-29" },
      { cycle: "16", end: "2029-02-28" },
      { cycle: "17", end: "2030-02-28" },
    ],
  },
  // RDS end of standard support (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MySQL.Concepts.VersionMgmt.html,
  // "Supported MySQL major versions"), as mirrored by endoflife.date/amazon-rds-mysql; confirmed 2026-12-02.
  "rds:mysql": {
    label: "RDS for MySQL major version",
    source: "docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MySQL.Concepts.VersionMgmt.html; endoflife.date/amazon-rds-mysql",
    cycles: [
      { cycle: "5.7", end: "2024-02-29" },
      { cycle: "8.0", end: "2026-07-31" },
      { cycle: "8.4", end: "2029-07-31" },
    ],
  },
  // Istio supports a minor until 6 weeks after the N+2 minor's .0 (istio.io/latest/docs/releases/supported-releases).
  // 1.27: published EOL (endoflife.date/istio). 1.28, 1.29: 6 weeks after 1.30.0 (2026-05-18) and 1.31.0 (2026-08-31,
  // github.com/istio/istio/releases). 1.30, 1.31: estimated, their N+2 (.0) not released when looked up; confirmed 2026-12-02.
  istio: {
    label: "Istio minor version",
    source: "istio.io/latest/docs/releases/supported-releases; endoflife.date/istio; github.com/istio/istio/releases",
    cycles: [
      { cycle: "1.25", end: "2025-09-30" },
      { cycle: "1.26", end: "2025-12-22" },
      { cycle: "1.27", end: "2026-03-30" },
      { cycle: "1.28", end: "2026-06-29" },
      { cycle: "1.29", end: "2026-10-12" },
      { cycle: "1.30", end: "2027-01-15", estimated: true },
      { cycle: "1.31", end: "2027-04-15", estimated: true },
    ],
  },
} as const satisfies Record<string, SupportProduct>;

export type SupportProductKey = keyof typeof SUPPORT_CALENDAR;

/**
 * The Kubernetes versions each Istio minor supports (istio.io supported-releases table,
 * endoflife.date/istio). 1.30 and 1.31 follow the table's pattern (each minor adds the
 * newest Kubernetes version and drops the oldest): inferred, not published when looked up.
 */
const ISTIO_KUBERNETES_SUPPORT: Readonly<Record<string, readonly [string, string]>> = {
  "1.27": ["1.29", "1.33"],
  "1.28": ["1.30", "1.34"],
  "1.29": ["1.31", "1.35"],
  "1.30": ["1.32", "1.36"],
  "1.31": ["1.33", "1.37"],
};

/** Compares dotted numeric versions: negative when `a` is older than `b`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** True when `version` is `cycle` or a release of it (`1.31.0`, `16.4`, `8.4.3`). */
function inCycle(version: string, cycle: string): boolean {
  return version === cycle || version.startsWith(`${cycle}.`);
}

/** True when the Istio minor of `istioVersion` supports Kubernetes `kubernetesVersion`, per {@link ISTIO_KUBERNETES_SUPPORT}. */
export function istioSupportsKubernetes(istioVersion: string, kubernetesVersion: string): boolean {
  const minor = istioVersion.split(".").slice(0, 2).join(".");
  const range = ISTIO_KUBERNETES_SUPPORT[minor];
  return range !== undefined && compareVersions(kubernetesVersion, range[0]) >= 0 && compareVersions(kubernetesVersion, range[1]) <= 0;
}

/**
 * Why `version` of `product` is not in standard support on `asOf`, or `undefined` when
 * it is. See the module comment for versions the calendar does not list.
 */
export function supportProblem(product: SupportProductKey, version: string, asOf: string): string | undefined {
  const p: SupportProduct = SUPPORT_CALENDAR[product];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return `the support calendar's as-of date "${asOf}" is not a YYYY-MM-DD date.`;
  if (!/^\d+(\.\d+)*$/.test(version)) return `${p.label} "${version}" is not a version the support calendar can read.`;
  const hit = [...p.cycles].sort((a, b) => b.cycle.length - a.cycle.length).find((c) => inCycle(version, c.cycle));
  if (hit) {
    if (asOf < hit.end) return undefined;
    return `${p.label} ${version} left standard support on ${hit.end}${hit.estimated ? " (estimated)" : ""} (calendar as of ${asOf}); move to a supported release.`;
  }
  const sorted = [...p.cycles].sort((a, b) => compareVersions(a.cycle, b.cycle));
  const newest = sorted[sorted.length - 1];
  if (compareVersions(version, newest.cycle) > 0) return undefined;
  if (compareVersions(version, sorted[0].cycle) < 0) {
    return `${p.label} ${version} is older than ${sorted[0].cycle}, the oldest the support calendar lists, so it is long out of standard support.`;
  }
  return `${p.label} ${version} is not a release the support calendar knows (known: ${sorted.map((c) => c.cycle).join(", ")}).`;
}

/** A Lambda runtime identifier split into the calendar's product and cycle, or undefined for an unknown family. */
export function lambdaRuntimeCycle(runtime: string): { product: SupportProductKey; version: string } | undefined {
  const provided = /^provided\.al(\d+)$/.exec(runtime);
  if (provided) return { product: "lambda:provided", version: provided[1] };
  const m = /^(nodejs|python|java|ruby|dotnet)(\d+(?:\.\d+)?)(?:\.x|\.al2)?$/.exec(runtime);
  if (!m) return undefined;
  return { product: `lambda:${m[1]}` as SupportProductKey, version: m[2] };
}
