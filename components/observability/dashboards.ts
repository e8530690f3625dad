/**
 * Grafana dashboards as data: a services dashboard (request rate, 5xx ratio and p99
 * latency per service, from Istio's standard metrics) and a mesh dashboard (istiod: xDS
 * pushes and errors, connected proxies, push latency, CPU and memory). Each becomes a
 * ConfigMap the Grafana sidecar loads.
 */

/** A Grafana dashboard's JSON model, as far as these dashboards use it. */
export interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly schemaVersion: number;
  readonly time: { readonly from: string; readonly to: string };
  readonly refresh: string;
  readonly templating: { readonly list: readonly Record<string, unknown>[] };
  readonly panels: readonly Panel[];
}

interface Panel {
  readonly id: number;
  readonly type: "timeseries" | "stat";
  readonly title: string;
  readonly datasource: { readonly type: "prometheus"; readonly uid: string };
  readonly gridPos: { readonly h: number; readonly w: number; readonly x: number; readonly y: number };
  readonly fieldConfig: { readonly defaults: { readonly unit: string }; readonly overrides: readonly unknown[] };
  readonly targets: readonly { readonly refId: string; readonly expr: string; readonly legendFormat: string }[];
}

/** The datasource uid kube-prometheus-stack gives its Prometheus datasource. */
const PROMETHEUS_DATASOURCE_UID = "prometheus";

function panel(id: number, title: string, unit: string, exprs: readonly { expr: string; legend: string }[], x: number, y: number, w = 12, type: Panel["type"] = "timeseries"): Panel {
  return {
    id,
    type,
    title,
    datasource: { type: "prometheus", uid: PROMETHEUS_DATASOURCE_UID },
    gridPos: { h: 8, w, x, y },
    fieldConfig: { defaults: { unit }, overrides: [] },
    targets: exprs.map((e, i) => ({ refId: String.fromCharCode(65 + i), expr: e.expr, legendFormat: e.legend })),
  };
}

function dashboard(uid: string, title: string, templating: Record<string, unknown>[], panels: Panel[]): Dashboard {
  return { uid, title, tags: ["platform", "istio"], schemaVersion: 39, time: { from: "now-6h", to: "now" }, refresh: "30s", templating: { list: templating }, panels };
}

/**
 * Per service (namespace = service), what its sidecars report as the destination: request
 * rate by response class, the 5xx ratio, and p50/p99 latency; a `service` variable
 * offers the stack's services.
 */
export function servicesDashboard(services: readonly string[]): Dashboard {
  const sel = `reporter="destination",destination_service_namespace=~"$service"`;
  const variable = {
    name: "service",
    label: "Service",
    type: "custom",
    query: services.join(","),
    multi: true,
    includeAll: true,
    current: { text: "All", value: "$__all" },
    options: [],
  };
  return dashboard("platform-services", "Platform / Services", [variable], [
    panel(1, "Requests per second", "reqps", [{ expr: `sum by (destination_service_namespace) (rate(istio_requests_total{${sel}}[5m]))`, legend: "{{destination_service_namespace}}" }], 0, 0),
    panel(
      2,
      "5xx ratio",
      "percentunit",
      [
        {
          expr: `sum by (destination_service_namespace) (rate(istio_requests_total{${sel},response_code=~"5.."}[5m])) / sum by (destination_service_namespace) (rate(istio_requests_total{${sel}}[5m]))`,
          legend: "{{destination_service_namespace}}",
        },
      ],
      12,
      0,
    ),
    panel(
      3,
      "Latency p50 / p99",
      "ms",
      [
        { expr: `histogram_quantile(0.50, sum by (destination_service_namespace, le) (rate(istio_request_duration_milliseconds_bucket{${sel}}[5m])))`, legend: "p50 {{destination_service_namespace}}" },
        { expr: `histogram_quantile(0.99, sum by (destination_service_namespace, le) (rate(istio_request_duration_milliseconds_bucket{${sel}}[5m])))`, legend: "p99 {{destination_service_namespace}}" },
      ],
      0,
      8,
    ),
    panel(4, "Requests by response code", "reqps", [{ expr: `sum by (destination_service_namespace, response_code) (rate(istio_requests_total{${sel}}[5m]))`, legend: "{{destination_service_namespace}} {{response_code}}" }], 12, 8),
  ]);
}

/** The control plane: proxies connected, xDS pushes and their errors and latency, istiod's CPU and memory. */
export function meshDashboard(): Dashboard {
  return dashboard("platform-mesh", "Platform / Mesh control plane", [], [
    panel(1, "Connected proxies", "short", [{ expr: `sum(pilot_xds{job="istiod"})`, legend: "proxies" }], 0, 0, 6, "stat"),
    panel(2, "istiod up", "short", [{ expr: `sum(up{job="istiod"})`, legend: "istiod" }], 6, 0, 6, "stat"),
    panel(3, "xDS pushes per second", "ops", [{ expr: `sum by (type) (rate(pilot_xds_pushes{job="istiod"}[5m]))`, legend: "{{type}}" }], 12, 0),
    panel(
      4,
      "Push errors and rejections",
      "ops",
      [
        { expr: `sum by (type) (rate(pilot_xds_push_errors{job="istiod"}[5m]))`, legend: "errors {{type}}" },
        { expr: `sum by (type) (rate(pilot_total_xds_rejects{job="istiod"}[5m]))`, legend: "rejects {{type}}" },
      ],
      0,
      8,
    ),
    panel(5, "Proxy convergence p99", "s", [{ expr: `histogram_quantile(0.99, sum by (le) (rate(pilot_proxy_convergence_time_bucket{job="istiod"}[5m])))`, legend: "p99" }], 12, 8),
    panel(
      6,
      "istiod CPU and memory",
      "short",
      [
        { expr: `sum by (pod) (rate(process_cpu_seconds_total{job="istiod"}[5m]))`, legend: "cpu {{pod}}" },
        { expr: `sum by (pod) (go_memstats_alloc_bytes{job="istiod"}) / 1048576`, legend: "MiB {{pod}}" },
      ],
      0,
      16,
    ),
    panel(7, "Sidecar scrape targets up", "short", [{ expr: `sum by (namespace) (up{job="istio-proxies"})`, legend: "{{namespace}}" }], 12, 16),
  ]);
}

/** The dashboards by ConfigMap name, with their file names. */
export function dashboards(services: readonly string[]): { configMap: string; file: string; dashboard: Dashboard }[] {
  return [
    { configMap: "dashboard-services", file: "platform-services.json", dashboard: servicesDashboard(services) },
    { configMap: "dashboard-mesh", file: "platform-mesh.json", dashboard: meshDashboard() },
  ];
}
