/** The Istio Helm repository; every chart of one install shares the same version. */
export const ISTIO_REPO = "https://istio-release.storage.googleapis.com/charts";

/** Where Istio lives, and names others refer to. */
export const MESH = {
  namespace: "istio-system",
  gatewayNamespace: "istio-ingress",
  /** The gateway release: its Deployment, Service and service account carry this name. */
  gatewayRelease: "istio-ingressgateway",
  gatewaySelector: { istio: "ingressgateway" },
  gatewayName: "ingress-gateway",
  gatewayTlsSecret: "ingress-gateway-tls",
  tracingProvider: "otel-tracing",
  trustDomain: "cluster.local",
} as const;

/**
 * The CPU and memory requests of every Istio pod, explicit so the capacity policy
 * (aws-eks-nodegroup-capacity) reads the numbers the scheduler will reserve. The proxy's
 * are Istio's defaults; istiod's are sized for a mesh of tens of services (Istio's default
 * of 500m / 2Gi is for large meshes and alone fills a small node).
 */
const ISTIO_REQUESTS = {
  istiod: { cpu: "250m", memory: "512Mi" },
  proxy: { cpu: "100m", memory: "128Mi" },
  gateway: { cpu: "100m", memory: "128Mi" },
  cni: { cpu: "100m", memory: "100Mi" },
} as const;

/** The limits that go with them: the proxy's and gateway's are Istio's defaults. */
const PROXY_LIMITS = { cpu: "2000m", memory: "1024Mi" } as const;

/** `cluster.local/ns/<ns>/sa/<sa>`: a workload's mTLS identity, as AuthorizationPolicies name it. */
export function principal(namespace: string, serviceAccount: string): string {
  return `${MESH.trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

export interface IstiodValuesArgs {
  /**
   * The OTLP collector.
   * @default - no tracing provider, and tracing off.
   */
  readonly tracing?: { readonly host: string; readonly port: number };
  /** istiod replicas (HA in every stack). */
  readonly replicas: number;
}

/**
 * istiod's values: REGISTRY_ONLY egress, path normalisation, OpenTelemetry tracing (with a collector),
 * JSON access logs, the Istio CNI (so application pods need no privileged init
 * container and pass Pod Security `restricted`), and pods held until their proxy is up.
 */
export function istiodValues(args: IstiodValuesArgs): Record<string, unknown> {
  return {
    pilot: {
      replicaCount: args.replicas,
      autoscaleMin: args.replicas,
      cni: { enabled: true },
      resources: { requests: { ...ISTIO_REQUESTS.istiod } },
    },
    global: { logAsJson: true, proxy: { resources: { requests: { ...ISTIO_REQUESTS.proxy }, limits: { ...PROXY_LIMITS } } } },
    meshConfig: {
      trustDomain: MESH.trustDomain,
      outboundTrafficPolicy: { mode: "REGISTRY_ONLY" },
      pathNormalization: { normalization: "DECODE_AND_MERGE_SLASHES" },
      enableTracing: args.tracing !== undefined,
      ...(args.tracing
        ? { extensionProviders: [{ name: MESH.tracingProvider, opentelemetry: { service: args.tracing.host, port: args.tracing.port } }] }
        : {}),
      accessLogFile: "/dev/stdout",
      accessLogEncoding: "JSON",
      defaultConfig: { holdApplicationUntilProxyStarts: true },
    },
  };
}

/** The ingress gateway's values: a ClusterIP Service (the edge's load balancer targets it), HA, restricted pods. */
export function gatewayValues(): Record<string, unknown> {
  return {
    labels: { ...MESH.gatewaySelector, app: MESH.gatewayRelease },
    service: { type: "ClusterIP" },
    autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 70 },
    podDisruptionBudget: { minAvailable: 1 },
    resources: { requests: { ...ISTIO_REQUESTS.gateway }, limits: { ...PROXY_LIMITS } },
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 1337,
      runAsGroup: 1337,
      seccompProfile: { type: "RuntimeDefault" },
      sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
    },
    containerSecurityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      runAsNonRoot: true,
    },
  };
}

/** The Istio CNI node agent's values: explicit requests (it runs on every node). */
export function cniValues(): Record<string, unknown> {
  return { resources: { requests: { ...ISTIO_REQUESTS.cni } } };
}
