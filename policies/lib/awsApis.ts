/**
 * Which network endpoint a granted IAM action prefix is called at, seen from a pod: the
 * host the SDK or client connects to (a pattern `*.<suffix>` for hosts made per
 * resource, such as RDS instances or MSK brokers), and the VPC endpoint service that
 * carries it privately, when it is a regional AWS API rather than a store in the VPC.
 */
export interface ApiEndpoint {
  /** The IAM action prefix, e.g. `sqs`. */
  readonly prefix: string;
  /** Exact host names or `*.<suffix>` patterns; any one of them being declared suffices. */
  readonly hosts: readonly string[];
  /** `com.amazonaws.<region>.<service>`, for regional APIs; absent for stores inside the VPC. */
  readonly endpointService?: string;
}

/**
 * Prefixes whose grants are used against a store inside the VPC rather than a regional
 * API: `rds-db:connect` and `elasticache:Connect` authorise a token the client signs
 * locally and presents to the database or cache, `kafka-cluster` actions are authorised
 * by the brokers. The pod reaches the store's own hosts.
 */
const IN_VPC: Readonly<Record<string, (region: string) => string[]>> = {
  "rds-db": (region) => [`*.${region}.rds.amazonaws.com`],
  "kafka-cluster": (region) => [`*.kafka.${region}.amazonaws.com`],
  elasticache: (region) => [`*.${region}.cache.amazonaws.com`, `*.cache.amazonaws.com`],
};
/** Prefixes pods never call: EFS mounts (`elasticfilesystem:Client*`) are made by the node's CSI driver. */
const NOT_FROM_PODS = new Set(["elasticfilesystem"]);

/** The endpoint a pod reaches for actions of `prefix` in `region`; `undefined` when pods make no such call. */
export function apiEndpoint(prefix: string, region: string): ApiEndpoint | undefined {
  if (NOT_FROM_PODS.has(prefix)) return undefined;
  const inVpc = IN_VPC[prefix];
  if (inVpc) return { prefix, hosts: inVpc(region) };
  return { prefix, hosts: [`${prefix}.${region}.amazonaws.com`], endpointService: `com.amazonaws.${region}.${prefix}` };
}

/**
 * True when a declared host (exact, or a `*.` wildcard as in a ServiceEntry) serves a
 * required host (exact, or a `*.<suffix>` pattern for per-resource hosts).
 */
export function hostServes(declared: string, required: string): boolean {
  const d = declared.toLowerCase();
  const r = required.toLowerCase();
  if (r.startsWith("*.")) {
    const suffix = r.slice(1);
    return d.endsWith(suffix) && d.length > suffix.length;
  }
  if (d.startsWith("*.")) return r.endsWith(d.slice(1));
  return d === r;
}
