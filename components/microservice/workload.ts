/**
 * What a microservice's pods are made of: the part of a service's settings that
 * MicroservicePod and its manifests read, and the pure arithmetic on it. The component
 * owns this shape; `stacks/services.ts` validates the settings and checks at compile
 * time that what it produces satisfies it.
 */

/** One service's workload: image, port, replicas, resources, callers, egress, env, secrets, probes. */
export interface Workload {
  /** The container image, pinned by tag or digest. */
  readonly image: string;
  /** The port the container serves HTTP on (also the Service's port). */
  readonly port: number;
  /** The HPA's bounds (at least 2 replicas, for the PodDisruptionBudget). */
  readonly replicas: { readonly min: number; readonly max: number };
  /** The container's CPU request, a Kubernetes quantity (`250m`, `1`). */
  readonly cpu: string;
  /** The container's memory request and limit, a Kubernetes quantity (`256Mi`, `1Gi`). */
  readonly memory: string;
  /**
   * The route prefix on the ingress gateway.
   * @default - `/<service name>` ({@link routePrefix}).
   */
  readonly pathPrefix?: string;
  /** The services allowed to call this one. */
  readonly callers: readonly string[];
  /** External DNS names reached over TLS on 443, one ServiceEntry each. */
  readonly egressHosts: readonly string[];
  /** The public CIDRs the egress hosts resolve to, which the NetworkPolicy admits on 443. */
  readonly egressCidrs: readonly string[];
  /** Non-secret environment variables. */
  readonly env: Readonly<Record<string, string>>;
  /** Secrets Manager secret names mounted as files under /mnt/secrets. */
  readonly secrets: readonly string[];
  /** The HTTP path of the liveness and startup probes. */
  readonly livenessPath: string;
  /** The HTTP path of the readiness probe. */
  readonly readinessPath: string;
}

/** The route prefix of a service: its `pathPrefix`, or `/<name>`. */
export function routePrefix(name: string, pathPrefix: string | undefined): string {
  return pathPrefix ?? `/${name}`;
}

/** Millicores of a CPU quantity (`250m` → 250, `1.5` → 1500). */
export function cpuMillis(quantity: string): number {
  return quantity.endsWith("m") ? Number(quantity.slice(0, -1)) : Math.round(Number(quantity) * 1000);
}

/** Mebibytes of a memory quantity (`256Mi` → 256, `1Gi` → 1024). */
export function memoryMiB(quantity: string): number {
  return quantity.endsWith("Gi") ? Number(quantity.slice(0, -2)) * 1024 : Number(quantity.slice(0, -2));
}

/** The services that list `name` among their callers: the ones `name` may call. */
export function calleesOf(name: string, services: Readonly<Record<string, Pick<Workload, "callers">>>): string[] {
  return Object.keys(services)
    .filter((other) => services[other].callers.includes(name))
    .sort();
}
