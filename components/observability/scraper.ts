/**
 * Who scrapes the mesh's metrics, for the NetworkPolicies of the namespaces it scrapes:
 * Prometheus pods in `observability` (label below), on the sidecar agent's merged-metrics
 * port. Kept free of imports so the service builders can use it without a cycle.
 */
export const METRICS_SCRAPER = {
  namespace: "observability",
  podLabels: { "platform/monitoring": "prometheus" },
  /**
   * Istio's metrics merging: the sidecar agent serves the proxy's, its own and the app's
   * metrics at `:15020/stats/prometheus`, a port Istio excludes from inbound capture, so
   * Prometheus scrapes it in plain HTTP under STRICT mTLS.
   */
  mergedMetricsPort: 15020,
} as const;
