/**
 * The `ContainerInsights` metrics the CloudWatch agent of the `amazon-cloudwatch-observability`
 * add-on emits in classic Container Insights with enhanced observability, and the dimension
 * sets it emits each with: its EMF metric declarations
 * (aws/amazon-cloudwatch-agent, translator/translate/otel/exporter/awsemf/kubernetes.go).
 * A metric with other dimensions does not exist, so an alarm on it never leaves INSUFFICIENT_DATA.
 */
const POD_NAME = ["PodName", "Namespace", "ClusterName"];
const FULL_POD_NAME = ["FullPodName", "PodName", "Namespace", "ClusterName"];
const SERVICE = ["Service", "Namespace", "ClusterName"];
const NAMESPACE = ["Namespace", "ClusterName"];
const CLUSTER = ["ClusterName"];
const NODE = ["NodeName", "InstanceId", "ClusterName"];

const groups: readonly (readonly [readonly string[], readonly (readonly string[])[]])[] = [
  [
    [
      "pod_cpu_utilization",
      "pod_memory_utilization",
      "pod_network_rx_bytes",
      "pod_network_tx_bytes",
      "pod_cpu_utilization_over_pod_limit",
      "pod_memory_utilization_over_pod_limit",
    ],
    [POD_NAME, CLUSTER, SERVICE, NAMESPACE, FULL_POD_NAME],
  ],
  [
    [
      "pod_cpu_reserved_capacity",
      "pod_memory_reserved_capacity",
      "pod_number_of_container_restarts",
      "pod_number_of_containers",
      "pod_number_of_running_containers",
      "pod_status_ready",
      "pod_status_scheduled",
      "pod_status_running",
      "pod_status_pending",
      "pod_status_failed",
      "pod_status_unknown",
      "pod_status_succeeded",
      "pod_memory_request",
      "pod_memory_limit",
      "pod_cpu_limit",
      "pod_cpu_request",
      "pod_container_status_running",
      "pod_container_status_terminated",
      "pod_container_status_waiting",
      "pod_container_status_waiting_reason_crash_loop_back_off",
      "pod_container_status_terminated_reason_oom_killed",
    ],
    [POD_NAME, CLUSTER, FULL_POD_NAME, SERVICE],
  ],
  [
    [
      "node_cpu_utilization",
      "node_memory_utilization",
      "node_network_total_bytes",
      "node_cpu_reserved_capacity",
      "node_memory_reserved_capacity",
      "node_number_of_running_pods",
      "node_number_of_running_containers",
      "node_cpu_usage_total",
      "node_cpu_limit",
      "node_memory_working_set",
      "node_memory_limit",
      "node_filesystem_utilization",
      "node_status_condition_ready",
    ],
    [NODE, CLUSTER],
  ],
  [["replicas_desired", "replicas_ready", "status_replicas_available", "status_replicas_unavailable"], [POD_NAME, CLUSTER]],
  [["service_number_of_running_pods"], [SERVICE, CLUSTER]],
  [["namespace_number_of_running_pods"], [NAMESPACE, CLUSTER]],
  [["cluster_node_count", "cluster_failed_node_count", "cluster_number_of_running_pods"], [CLUSTER]],
];

/** Per metric name, its dimension sets (each sorted). */
export const CONTAINER_INSIGHTS_METRICS: ReadonlyMap<string, readonly string[][]> = new Map(
  groups.flatMap(([metrics, sets]) => metrics.map((m) => [m, sets.map((s) => [...s].sort())] as const)),
);

/**
 * The pod metrics relative to the pods' limits, and the resource each needs: the agent
 * emits them only for pods whose every container sets that limit (its pod store:
 * "only set podLimit when all the containers has limit").
 */
export const OVER_LIMIT_METRICS: Readonly<Record<string, "cpu" | "memory">> = {
  pod_cpu_utilization_over_pod_limit: "cpu",
  pod_memory_utilization_over_pod_limit: "memory",
};

/** The EKS add-on that produces them. */
export const CONTAINER_INSIGHTS_ADDON = "amazon-cloudwatch-observability";
