import type { PinnedChart } from "../cluster/charts";

/**
 * The OpenTelemetry collector chart (open-telemetry/opentelemetry-helm-charts). Chart
 * 0.158.3 (appVersion 0.153.0) is the newest version whose Chart.yaml could be read on
 * 2026-12-02; the chart's later bumps (default image 0.156.0 in 2026-07, 0.160.0 in 2026-09)
 * were seen as pull requests only, so they are not pinned here.
 */
export const OTEL_COLLECTOR_CHART: PinnedChart = {
  chart: "opentelemetry-collector",
  version: "0.158.3",
  repo: "https://open-telemetry.github.io/opentelemetry-helm-charts",
};

/**
 * The collector image: the contrib distribution (it carries the `awsxray` exporter, the core
 * one does not), at the chart's appVersion.
 */
export const OTEL_COLLECTOR_IMAGE = { repository: "otel/opentelemetry-collector-contrib", tag: "0.153.0" } as const;

/**
 * Fluent Bit (fluent/helm-charts). Chart 0.58.1 is the newest release confirmed on
 * 2026-12-02 (downstream chart bumps to 0.58.1 in 2026-09; Fluent Bit 5.0.x).
 */
export const FLUENT_BIT_CHART: PinnedChart = {
  chart: "fluent-bit",
  version: "0.58.1",
  repo: "https://fluent.github.io/helm-charts",
};

/**
 * kube-prometheus-stack (prometheus-community/helm-charts): the Prometheus operator,
 * Prometheus, Alertmanager and Grafana. Chart 91.5.0 is the newest release confirmed on
 * 2026-12-02 (release notes of 2026-09-13, 91.4.1 → 91.5.0: dependency bumps); its values
 * keys were read from the chart's values.yaml.
 */
export const KUBE_PROMETHEUS_STACK_CHART: PinnedChart = {
  chart: "kube-prometheus-stack",
  version: "91.5.0",
  repo: "https://prometheus-community.github.io/helm-charts",
};
