import type { Environment } from "./schema";

/** A partial, nested settings tree; the stack's config is merged over it. */
export type SettingsTree = { readonly [key: string]: unknown };

const shared: SettingsTree = {
  network: {
    cidr: "10.0.0.0/16",
    azCount: 3,
    serviceCidr: "172.20.0.0/16",
  },
  cluster: {
    version: "1.35",
    instanceType: "t3.medium",
    desiredSize: 5,
    diskSizeGiB: 50,
    publicAccessCidrs: [],
    // Sized by the capacity policy (aws-eks-nodegroup-capacity): at minimum size the nodes
    // hold every pod's requests plus one rolling update; the autoscaler adds up to maxSize.
    minSize: 5,
    maxSize: 6,
    autoscalingServiceLinkedRole: "create",
    privateAccessCidrs: [],
  },
  mesh: {
    istioVersion: "1.31.0",
    // seed 004: 100 rps with a burst of 200, per gateway pod.
    rateLimit: { requestsPerSecond: 100, burst: 200 },
  },
  tags: { extra: {} },
  // The stack file sets edge.domain and edge.hostedZoneId; the host names and limits are shared.
  edge: {
    apiHost: "api",
    cdnHost: "cdn",
    catalogCertificate: "Custom",
    wafRateLimit: 2000,
    idleTimeoutSeconds: 60,
  },
  // The stack file declares the services (platform:services); SERVICE_DEFAULTS fills each one.
  services: {},
  // The data settings both environments share; each profile adds its own sizes and HA.
  data: {
    redis: { engineVersion: "7.1" },
    kafka: { version: "3.6.0" },
    pipeline: { bufferSeconds: 300 },
    secretRotationDays: 30,
  },
};

/**
 * The defaults of each environment (platform.md, "Environments"). A stack picks one with
 * `platform:environment`; stacks named `dev` or `prod` pick theirs by name.
 */
export const PROFILES: Record<Environment, SettingsTree> = {
  dev: merge(shared, {
    network: { natStrategy: "Single" },
    mesh: { tracingSamplingPercent: 100, ingressHosts: ["api.dev.platform.internal"] },
    logRetentionDays: 30,
    protectStateful: false,
    data: {
      highAvailability: false,
      redis: { nodeType: "cache.t4g.small", nodeCount: 1, snapshotRetentionDays: 1 },
      kafka: { brokersPerAz: 1, instanceType: "kafka.m7g.large", volumeGb: 100, partitions: 3 },
      redshift: { baseCapacityRpu: 8 },
      pipeline: { bufferMb: 64 },
      // GOVERNANCE with a short retention, so `pulumi destroy` can empty the bucket.
      buckets: { noncurrentVersionDays: 30, documentLock: { mode: "GOVERNANCE", days: 1 } },
      backupRetentionDays: 7,
    },
    // Dev shares its account with prod (or an organisation baseline): it relies on their trail, detector, recorder and hub.
    security: { accountServices: "existing" },
    // A week of metrics on a small volume, one Prometheus.
    observability: { prometheus: { retentionDays: 7, storageGiB: 20, replicas: 1, memory: "512Mi" } },
  }),
  prod: merge(shared, {
    network: { natStrategy: "OnePerAz" },
    // Four nodes, as in dev: 3 x t3.large fall 0.93 vCPU short once the metrics stack runs.
    cluster: { instanceType: "t3.xlarge", minSize: 3, desiredSize: 3 },
    mesh: { tracingSamplingPercent: 10, ingressHosts: ["api.platform.internal"] },
    logRetentionDays: 365,
    protectStateful: true,
    data: {
      highAvailability: true,
      redis: { nodeType: "cache.m7g.large", nodeCount: 3, snapshotRetentionDays: 14 },
      kafka: { brokersPerAz: 2, instanceType: "kafka.m7g.xlarge", volumeGb: 1000, partitions: 6 },
      redshift: { baseCapacityRpu: 32 },
      pipeline: { bufferMb: 128 },
      buckets: { noncurrentVersionDays: 365, documentLock: { mode: "COMPLIANCE", years: 7 } },
      backupRetentionDays: 35,
    },
    // Prod owns the account's trail, GuardDuty detector, Config recorder and Security Hub.
    security: { accountServices: "create" },
    observability: { prometheus: { retentionDays: 30, storageGiB: 100, replicas: 2, memory: "1Gi" } },
  }),
};

/**
 * The defaults of every service under `services.<name>`, per environment: the stack's
 * settings for a service are merged over these before validation (a service's map key is
 * its name, so these cannot sit in {@link PROFILES}).
 */
export const SERVICE_DEFAULTS: Record<Environment, SettingsTree> = {
  dev: serviceDefaults(),
  prod: serviceDefaults(),
};

function serviceDefaults(): SettingsTree {
  return {
    replicas: { min: 2, max: 6 },
    cpu: "250m",
    memory: "256Mi",
    callers: [],
    egressHosts: [],
    egressCidrs: [],
    env: {},
    secrets: [],
    livenessPath: "/healthz",
    readinessPath: "/ready",
    database: { engine: "none", storageGb: 20 },
    cache: false,
    topics: { produces: [], consumes: [] },
    events: { publishes: [], consumes: [] },
    filesystem: "none",
    bucket: "none",
  };
}

/**
 * Deep-merges `over` onto `base`: objects merge key by key, anything else (arrays
 * included) in `over` replaces what `base` had. Neither argument is changed.
 */
export function merge(base: SettingsTree, over: SettingsTree): SettingsTree {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isTree(current) && isTree(value) ? merge(current, value) : value;
  }
  return out;
}

export function isTree(value: unknown): value is SettingsTree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
