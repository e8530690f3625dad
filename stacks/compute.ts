import { z } from "zod";
import { SERVICE_LINKED_ROLE_MODES } from "../components/cluster/iam";
import { EKS_VERSIONS, EksVersion } from "../components/cluster/versions";
import { cidrProblem, isPrivate, overlaps, parseCidr } from "../lib/cidr";

const EKS_VERSION_NAMES = Object.keys(EKS_VERSIONS) as [EksVersion, ...EksVersion[]];

/** Managed node group scaling bounds (platform.md: min 2 / max 6). */
const NODE_MIN = 2;
const NODE_MAX = 6;
/** The most nodes `cluster.maxSize` may allow the autoscaler to run. */
const NODE_MAX_LIMIT = 30;

/** An exact semantic version, as Helm pins a chart: `1.31.0`, never a range. */
const chartVersion = (example: string) =>
  z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .describe(`an exact chart version such as ${example} (no ranges, no "latest")`);

/** A DNS name without wildcards, as Gateways and ServiceEntries need. */
export const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const adminRoleArn = z
  .string()
  .regex(/^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/)
  .describe("an IAM role ARN such as arn:aws:iam::123456789012:role/platform-admin");

/**
 * A public IPv4 block of /8 or narrower; `wide` and `private` say, for the setting at
 * hand, why a wider or a private block is wrong.
 */
export function publicCidrSchema(reasons: { readonly wide: string; readonly private: string }, allowed: string) {
  return z
    .string()
    .superRefine((text, ctx) => {
      const problem = cidrProblem(text);
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return;
      }
      const cidr = parseCidr(text);
      if (cidr.prefix < 8) ctx.addIssue({ code: "custom", message: reasons.wide });
      else if (isPrivate(cidr)) ctx.addIssue({ code: "custom", message: reasons.private });
    })
    .describe(allowed);
}

const publicCidr = publicCidrSchema(
  { wide: "is wider than /8: the public endpoint must stay restricted", private: "is a private range, which the public endpoint never sees" },
  "a public IPv4 CIDR of /8 or narrower, e.g. the operators' egress range 198.51.100.0/24 (never 0.0.0.0/0)",
);

const privateCidr = z
  .string()
  .superRefine((text, ctx) => {
    const problem = cidrProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
    else if (!isPrivate(parseCidr(text))) ctx.addIssue({ code: "custom", message: "is not a private range, which is all the private endpoint sees" });
  })
  .describe("a private IPv4 CIDR (10/8, 172.16/12, 192.168/16 or 100.64/10) of a VPN or peered network, e.g. 10.100.0.0/16");

/** The EKS cluster and its managed node group. */
export const clusterSchema = z
  .object({
    /**
     * The Kubernetes version of the control plane; it picks the pinned add-on builds
     * (components/cluster/versions.ts). YAML reads an unquoted 1.35 as a number; it is read as text.
     * @default - `1.35` in both environments (stacks/profiles.ts).
     */
    version: z
      .preprocess((v) => (typeof v === "number" ? v.toFixed(2) : v), z.enum(EKS_VERSION_NAMES))
      .describe(`a supported EKS version: ${EKS_VERSION_NAMES.join(" | ")}`),
    /**
     * The nodes' EC2 instance type (sized by the capacity policy aws-eks-nodegroup-capacity).
     * @default - dev `t3.medium`, prod `t3.large` (stacks/profiles.ts).
     */
    instanceType: z
      .string()
      .regex(/^[a-z][a-z0-9-]*\d[a-z0-9-]*\.(nano|micro|small|medium|large|metal|\d*xlarge)$/)
      .describe("an EC2 instance type such as t3.medium or m6i.large"),
    /**
     * Nodes at creation; the cluster autoscaler owns the count afterwards.
     * @default - 3 in both environments (stacks/profiles.ts).
     */
    desiredSize: z.number().int().min(NODE_MIN).max(NODE_MAX).describe(`a whole number from ${NODE_MIN} to ${NODE_MAX}`),
    /**
     * The fewest nodes: the capacity the capacity policy checks every pod's requests against.
     * @default - 3 in both environments (stacks/profiles.ts).
     */
    minSize: z.number().int().min(NODE_MIN).max(NODE_MAX).describe(`a whole number from ${NODE_MIN} to ${NODE_MAX}`),
    /**
     * The most nodes the cluster autoscaler may run; above `minSize`.
     * @default - 6 in both environments (stacks/profiles.ts).
     */
    maxSize: z
      .number()
      .int()
      .min(NODE_MIN + 1)
      .max(NODE_MAX_LIMIT)
      .describe(`a whole number from ${NODE_MIN + 1} to ${NODE_MAX_LIMIT}, above cluster.minSize`),
    /**
     * Whether the stack creates `AWSServiceRoleForAutoScaling` (a fresh account) or the account
     * already has it (IAM refuses to create it twice); the stack never deletes it.
     * @default - `create` in both environments (stacks/profiles.ts).
     */
    autoscalingServiceLinkedRole: z
      .enum(SERVICE_LINKED_ROLE_MODES)
      .describe("create (a fresh account: the stack creates AWSServiceRoleForAutoScaling) | existing (the account already has it)"),
    /**
     * Each node's encrypted gp3 root volume, in GiB.
     * @default - 50 in both environments (stacks/profiles.ts).
     */
    diskSizeGiB: z.number().int().min(20).max(1000).describe("a whole number of GiB from 20 to 1000"),
    /**
     * An IAM role given cluster-admin through an EKS access entry.
     * @default - none: only the identity that creates the cluster is admin.
     */
    adminRoleArn: adminRoleArn.optional(),
    /**
     * Public CIDRs allowed to the public API endpoint; empty turns the public endpoint off (prod
     * must keep it empty).
     * @default - none (`[]`) in both profiles; the dev stack file sets the operators' range.
     */
    publicAccessCidrs: z
      .array(publicCidr)
      .max(40)
      .describe("a list of up to 40 public CIDRs allowed to reach the public API endpoint; empty turns it off"),
    /**
     * Private networks outside the VPC (a VPN, a peered or Transit Gateway-attached CI
     * runner) that reach the private API endpoint on 443, through an ingress rule each on
     * the control plane's security group. They also need a route to the VPC and DNS that
     * resolves the endpoint's name to its private addresses.
     * @default - none: only the application subnets reach the private endpoint.
     */
    privateAccessCidrs: z
      .array(privateCidr)
      .max(50)
      .describe("a list of up to 50 private CIDRs (VPN or peered networks) allowed to the private API endpoint on 443; default none"),
  })
  .strict();

/** `host:port` of the tracing collector (OTLP gRPC). */
const collectorAddress = z
  .string()
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?:\d{1,5}$/)
  .refine((text) => {
    const port = Number(text.slice(text.lastIndexOf(":") + 1));
    return port >= 1 && port <= 65535;
  }, "has a port outside 1-65535")
  .describe("host:port of an OTLP gRPC collector, e.g. otel-collector.observability.svc.cluster.local:4317");

/** An absolute `https://` URL with a host, as JWT issuers and JWKS endpoints are. */
function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" && DNS_NAME.test(url.hostname) && url.username === "" && url.password === "" && url.hash === "";
  } catch {
    return false;
  }
}
const httpsUrl = (allowed: string) => z.string().refine(isHttpsUrl, "is not an https URL with a DNS host").describe(allowed);

/**
 * The identity provider whose JWTs the ingress gateway accepts (seed 004). These are the
 * team's IdP settings: each stack sets them to its own issuer.
 */
const jwtSchema = z
  .object({
    /**
     * The IdP's issuer: the `iss` of the tokens the gateway accepts.
     * @default - none: the stack file sets it (the shipped value is an example `pulumi up` refuses).
     */
    issuer: httpsUrl("the IdP's issuer (the tokens' iss), an https URL such as https://auth.company.com"),
    /**
     * The IdP's JWKS endpoint, whose keys verify the tokens.
     * @default - none: the stack file sets it.
     */
    jwksUri: httpsUrl("the IdP's JWKS endpoint, an https URL such as https://auth.company.com/.well-known/jwks.json"),
    /**
     * The audiences (`aud`) a token must carry one of.
     * @default - none: the stack file sets it.
     */
    audiences: z
      .array(z.string().min(1).max(256).regex(/^[^\s*]+$/).describe("an audience without spaces or *, e.g. api.company.com"))
      .min(1)
      .describe("one or more audiences the tokens must carry (aud), e.g. [api.company.com]"),
  })
  .strict()
  .describe("issuer, jwksUri and audiences of the IdP");

/** The most a gateway pod's token bucket may hold or refill per second. */
const RATE_LIMIT_MAX = 100_000;

/** The API gateway's rate limit per gateway pod: a token bucket (seed 004: 100 rps, burst 200). */
const rateLimitSchema = z
  .object({
    /**
     * The token bucket's refill, in requests per second per gateway pod.
     * @default - 100 in both environments (stacks/profiles.ts).
     */
    requestsPerSecond: z
      .number()
      .int()
      .min(1)
      .max(RATE_LIMIT_MAX)
      .describe(`a whole number of requests per second from 1 to ${RATE_LIMIT_MAX}`),
    /**
     * The token bucket's size, in requests per gateway pod; at least `requestsPerSecond`.
     * @default - 200 in both environments (stacks/profiles.ts).
     */
    burst: z
      .number()
      .int()
      .min(1)
      .max(RATE_LIMIT_MAX)
      .describe(`a whole number of requests from 1 to ${RATE_LIMIT_MAX}, at least requestsPerSecond`),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.burst < r.requestsPerSecond) {
      ctx.addIssue({
        code: "custom",
        path: ["burst"],
        message: `must be at least mesh.rateLimit.requestsPerSecond (${r.requestsPerSecond}), or the bucket could never hold one second's refill (burst is ${r.burst})`,
      });
    }
  })
  .describe("requestsPerSecond and burst");

/** Istio and its ingress gateway. */
export const meshSchema = z
  .object({
    /**
     * The Istio version of every Istio chart (base, CNI, istiod, gateway).
     * @default - `1.31.0` in both environments (stacks/profiles.ts).
     */
    istioVersion: chartVersion("1.31.0"),
    /**
     * `host:port` of the OTLP gRPC collector traces go to. An in-cluster host
     * (`<svc>.<ns>.svc.cluster.local`) must be a Service of the plan (policy
     * kubernetes-core-service-reference-exists).
     * @default - the stack's own collector, `otel-collector.observability.svc.cluster.local:4317` (it exports to AWS X-Ray).
     */
    tracingCollector: collectorAddress.optional(),
    /**
     * The share of requests traced, in percent.
     * @default - dev 100, prod 10 (stacks/profiles.ts).
     */
    tracingSamplingPercent: z.number().min(0).max(100).describe("a percentage from 0 to 100"),
    /**
     * The DNS names the ingress gateway serves; the API's public name is added to them.
     * @default - dev `api.dev.platform.internal`, prod `api.platform.internal` (stacks/profiles.ts).
     */
    ingressHosts: z
      .array(z.string().regex(DNS_NAME).describe("a lowercase DNS name without wildcards, e.g. api.example.com"))
      .min(1)
      .describe("one or more DNS names the ingress gateway serves (no * hosts)"),
    /**
     * The identity provider whose JWTs the ingress gateway accepts (seed 004).
     * @default - none: the stack file sets it.
     */
    jwt: jwtSchema,
    /**
     * The API gateway's local rate limit per gateway pod, a token bucket (seed 004).
     * @default - see its fields.
     */
    rateLimit: rateLimitSchema,
  })
  .strict();

export type ClusterSettings = z.output<typeof clusterSchema>;

/** The collector's host and port, from `host:port`. */
export function splitAddress(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(":");
  return { host: address.slice(0, i), port: Number(address.slice(i + 1)) };
}

/** A problem with the compute settings that depends on the environment. */
export interface EnvironmentProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * Rules that tie the cluster settings to the environment and to each other: prod keeps
 * the API endpoint private (public access off), so `cluster.publicAccessCidrs` must be
 * empty there; the node group can scale (`maxSize` above `minSize`) and starts within
 * its bounds.
 */
export function clusterEnvironmentProblems(environment: string, cluster: ClusterSettings): EnvironmentProblem[] {
  const problems: EnvironmentProblem[] = [];
  if (environment === "prod" && cluster.publicAccessCidrs.length > 0) {
    problems.push({ path: ["cluster", "publicAccessCidrs"], message: "must be empty in prod: the API endpoint is private only" });
  }
  if (cluster.maxSize <= cluster.minSize) {
    problems.push({
      path: ["cluster", "maxSize"],
      message: `must be above cluster.minSize (${cluster.minSize}), or the autoscaler can never add a node (maxSize is ${cluster.maxSize})`,
    });
  }
  if (cluster.desiredSize < cluster.minSize || cluster.desiredSize > cluster.maxSize) {
    problems.push({
      path: ["cluster", "desiredSize"],
      message: `must be from cluster.minSize (${cluster.minSize}) to cluster.maxSize (${cluster.maxSize}) (desiredSize is ${cluster.desiredSize})`,
    });
  }
  return problems;
}

/**
 * `cluster.privateAccessCidrs` are networks outside the VPC: one that overlaps the VPC
 * could not be routed to (the VPC's local route wins), so it is a mistake.
 */
export function privateAccessProblems(networkCidr: string, cluster: ClusterSettings): EnvironmentProblem[] {
  if (cidrProblem(networkCidr)) return [];
  return cluster.privateAccessCidrs.flatMap((cidr, i) =>
    !cidrProblem(cidr) && overlaps(parseCidr(cidr), parseCidr(networkCidr))
      ? [{ path: ["cluster", "privateAccessCidrs", i], message: `overlaps network.cidr ${networkCidr}: it must be a network outside the VPC (inside it, the application subnets are already admitted)` }]
      : [],
  );
}
