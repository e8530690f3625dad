/** CPU (millicores) and memory (MiB) one pod requests. */
export interface Requests {
  readonly cpu: number;
  readonly memory: number;
}

/** A group of identical pods: `count` of them in total, or one on every node (`perNode`). */
export interface PodGroup {
  /** What the pods are, for messages: e.g. `Deployment 'order/order'`, `chart istiod (istiod)`. */
  readonly source: string;
  readonly requests: Requests;
  readonly count: number;
  readonly perNode: boolean;
  /** Extra pods a rolling update starts (Deployments only). */
  readonly surge?: number;
}

/** Millicores of a Kubernetes CPU quantity (`250m`, `0.5`, `2`); 0 when unset or unreadable. */
export function cpuMillis(q: unknown): number {
  if (typeof q === "number") return Math.round(q * 1000);
  if (typeof q !== "string" || q === "") return 0;
  const n = q.endsWith("m") ? Number(q.slice(0, -1)) : Number(q) * 1000;
  return Number.isFinite(n) ? Math.round(n) : 0;
}

const MEMORY_UNITS: Record<string, number> = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024, k: 1e3 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576 };

/** MiB of a Kubernetes memory quantity (`128Mi`, `1Gi`, `500M`, bytes); 0 when unset or unreadable. */
export function memoryMiB(q: unknown): number {
  if (typeof q === "number") return q / 1048576;
  if (typeof q !== "string" || q === "") return 0;
  const m = /^([0-9.]+)([KMGT]i|[kMG])?$/.exec(q);
  if (!m) return 0;
  return Number(m[1]) * (m[2] ? MEMORY_UNITS[m[2]] : 1 / 1048576);
}

/** The requests of a `resources` block (`{ requests: { cpu, memory } }`). */
export function requestsOf(resources: unknown): Requests {
  const r = (resources as { requests?: Record<string, unknown> } | undefined)?.requests ?? {};
  return { cpu: cpuMillis(r.cpu), memory: memoryMiB(r.memory) };
}

/** The sum of several requests. */
export function add(...rs: Requests[]): Requests {
  return { cpu: rs.reduce((a, r) => a + r.cpu, 0), memory: rs.reduce((a, r) => a + r.memory, 0) };
}

/** A value at a dotted path of a values tree, or `undefined`. */
export function at(values: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), values);
}

/** The `resources` at `path` if it sets requests, else the chart's default. */
function resourcesOr(values: unknown, path: string, fallback: Requests): Requests {
  const r = at(values, path) as { requests?: unknown } | undefined;
  return r && r.requests ? requestsOf(r) : fallback;
}

const number = (v: unknown, fallback: number) => (typeof v === "number" ? v : fallback);
const ms = (cpu: number, memory: number): Requests => ({ cpu, memory });

/** Istio's default proxy requests, when the mesh's values set none (`global.proxy.resources`). */
export const ISTIO_DEFAULT_PROXY: Requests = ms(100, 128);

/**
 * The pods a Helm chart runs for its values, from each chart's own defaults (its
 * values.yaml) where the values are silent. A chart not listed here has no model: the
 * capacity policy reports it rather than guess.
 */
export const CHART_MODELS: Readonly<Record<string, (values: unknown, release: string) => Omit<PodGroup, "source">[]>> = {
  // Istio: CRDs only.
  base: () => [],
  // Istio CNI node agent (DaemonSet); 1.2x charts read `resources`, older ones `cni.resources`.
  cni: (v) => [{ requests: resourcesOr(v, "resources", resourcesOr(v, "cni.resources", ms(100, 100))), count: 1, perNode: true }],
  // istiod: its HPA keeps autoscaleMin pods (default on, min 1), else replicaCount.
  istiod: (v) => [
    {
      requests: resourcesOr(v, "pilot.resources", ms(500, 2048)),
      count: at(v, "pilot.autoscaleEnabled") === false ? number(at(v, "pilot.replicaCount"), 1) : number(at(v, "pilot.autoscaleMin"), 1),
      perNode: false,
    },
  ],
  // The Istio gateway: the proxy is the pod's only container.
  gateway: (v) => [
    {
      requests: resourcesOr(v, "resources", ms(100, 128)),
      count: at(v, "autoscaling.enabled") === false ? number(at(v, "replicaCount"), 1) : number(at(v, "autoscaling.minReplicas"), 1),
      perNode: false,
    },
  ],
  "metrics-server": (v) => [{ requests: resourcesOr(v, "resources", ms(100, 200)), count: number(at(v, "replicas"), 1), perNode: false }],
  // The driver DaemonSet: driver, node-driver-registrar and liveness probe.
  "secrets-store-csi-driver": (v) => [
    {
      requests: add(
        resourcesOr(v, "linux.driver.resources", ms(50, 100)),
        resourcesOr(v, "linux.registrar.resources", ms(10, 20)),
        resourcesOr(v, "linux.livenessProbe.resources", ms(10, 20)),
      ),
      count: 1,
      perNode: true,
    },
  ],
  "secrets-store-csi-driver-provider-aws": (v) => [{ requests: resourcesOr(v, "resources", ms(50, 100)), count: 1, perNode: true }],
  "cluster-autoscaler": (v) => [{ requests: resourcesOr(v, "resources", ms(0, 0)), count: number(at(v, "replicaCount"), 1), perNode: false }],
  // The OpenTelemetry collector: a Deployment of replicaCount (default 1), or a DaemonSet in mode daemonset; no default requests.
  "opentelemetry-collector": (v) => [
    { requests: resourcesOr(v, "resources", ms(0, 0)), count: at(v, "mode") === "daemonset" ? 1 : number(at(v, "replicaCount"), 1), perNode: at(v, "mode") === "daemonset" },
  ],
  // Fluent Bit: a DaemonSet by default (kind), else a Deployment of replicaCount; no default requests.
  "fluent-bit": (v) => [
    { requests: resourcesOr(v, "resources", ms(0, 0)), count: at(v, "kind") === "Deployment" ? number(at(v, "replicaCount"), 1) : 1, perNode: at(v, "kind") !== "Deployment" },
  ],
  // kube-prometheus-stack: the operator; Prometheus (replicas, with the operator's config
  // reloader); Alertmanager (replicas, with the reloader); Grafana with its dashboard and
  // datasource sidecars; kube-state-metrics and node exporter (a DaemonSet) when enabled.
  // No default requests (the reloader's are the operator's flags, 10m / 50Mi).
  "kube-prometheus-stack": (v) => {
    const on = (path: string) => at(v, path) !== false;
    const reloader = resourcesOr(v, "prometheusOperator.prometheusConfigReloader.resources", ms(10, 50));
    const groups: Omit<PodGroup, "source">[] = [];
    if (on("prometheusOperator.enabled")) groups.push({ requests: resourcesOr(v, "prometheusOperator.resources", ms(0, 0)), count: 1, perNode: false });
    if (on("prometheus.enabled"))
      groups.push({ requests: add(resourcesOr(v, "prometheus.prometheusSpec.resources", ms(0, 0)), reloader), count: number(at(v, "prometheus.prometheusSpec.replicas"), 1), perNode: false });
    if (on("alertmanager.enabled"))
      groups.push({ requests: add(resourcesOr(v, "alertmanager.alertmanagerSpec.resources", ms(0, 0)), reloader), count: number(at(v, "alertmanager.alertmanagerSpec.replicas"), 1), perNode: false });
    if (on("grafana.enabled")) {
      const sidecar = resourcesOr(v, "grafana.sidecar.resources", ms(0, 0));
      const sidecars = [on("grafana.sidecar.dashboards.enabled"), on("grafana.sidecar.datasources.enabled")].filter(Boolean).length;
      groups.push({ requests: add(resourcesOr(v, "grafana.resources", ms(0, 0)), ...Array.from({ length: sidecars }, () => sidecar)), count: number(at(v, "grafana.replicas"), 1), perNode: false });
    }
    if (on("kubeStateMetrics.enabled")) groups.push({ requests: resourcesOr(v, "kube-state-metrics.resources", ms(0, 0)), count: 1, perNode: false });
    if (on("nodeExporter.enabled")) groups.push({ requests: resourcesOr(v, "prometheus-node-exporter.resources", ms(0, 0)), count: 1, perNode: true });
    return groups;
  },
  "aws-load-balancer-controller": (v) => [{ requests: resourcesOr(v, "resources", ms(0, 0)), count: number(at(v, "replicaCount"), 2), perNode: false }],
};

/**
 * The pods of each EKS add-on, with the requests of its published default configuration
 * (the add-on's Helm chart values): CoreDNS 2 x 100m/70Mi (`replicaCount` and `resources`
 * of its configuration values apply), kube-proxy 100m per node, the VPC CNI's aws-node and
 * network policy agent 25m each per node, the EBS CSI controller 2 x six containers of
 * 10m/40Mi and node three of 10m/40Mi, the EFS CSI controller 2 pods and node with no
 * requests. The CloudWatch Observability add-on (chart amazon-cloudwatch-observability):
 * its agent DaemonSet 250m/128Mi per node (`agent.resources`), the operator (controller
 * manager) 1 x 100m/64Mi (`manager.resources`) and, unless `containerLogs.enabled` is
 * false, its Fluent Bit DaemonSet 50m/25Mi (`containerLogs.fluentBit.resources`); its GPU
 * and Neuron exporters schedule only on those instance types. With OTel Container Insights
 * on, it adds a cluster scraper, kube-state-metrics and node-exporter, which the model
 * does not know: `undefined`, reported like a missing model.
 */
export const ADDON_MODELS: Readonly<Record<string, (config: unknown) => Omit<PodGroup, "source">[] | undefined>> = {
  coredns: (c) => [{ requests: resourcesOr(c, "resources", ms(100, 70)), count: number(at(c, "replicaCount"), 2), perNode: false }],
  "kube-proxy": (c) => [{ requests: resourcesOr(c, "resources", ms(100, 0)), count: 1, perNode: true }],
  "vpc-cni": () => [{ requests: ms(50, 0), count: 1, perNode: true }],
  "aws-ebs-csi-driver": () => [
    { requests: ms(60, 240), count: 2, perNode: false },
    { requests: ms(30, 120), count: 1, perNode: true },
  ],
  "aws-efs-csi-driver": () => [
    { requests: ms(0, 0), count: 2, perNode: false },
    { requests: ms(0, 0), count: 1, perNode: true },
  ],
  "amazon-cloudwatch-observability": (c) =>
    at(c, "otelContainerInsights.enabled") === true
      ? undefined
      : [
          ...(at(c, "agent.enabled") === false ? [] : [{ requests: resourcesOr(c, "agent.resources", ms(250, 128)), count: 1, perNode: true }]),
          { requests: resourcesOr(c, "manager.resources", ms(100, 64)), count: 1, perNode: false },
          ...(at(c, "containerLogs.enabled") === false ? [] : [{ requests: resourcesOr(c, "containerLogs.fluentBit.resources", ms(50, 25)), count: 1, perNode: true }]),
        ],
};

/** The chart's name from a Helm release's `chart` (`repo/name`, an OCI or tarball URL). */
export function chartName(chart: string): string {
  const last = chart.split("/").pop() ?? chart;
  return last.replace(/-\d+\.\d+\.\d+.*\.tgz$/, "").replace(/\.tgz$/, "");
}

/** A Deployment's surge: `maxSurge` (a count or a percentage, rounded up; default 25%). */
export function surgeOf(maxSurge: unknown, replicas: number): number {
  if (typeof maxSurge === "number") return maxSurge;
  const pct = typeof maxSurge === "string" && maxSurge.endsWith("%") ? Number(maxSurge.slice(0, -1)) : 25;
  return Math.ceil((replicas * pct) / 100);
}
