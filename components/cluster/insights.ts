/**
 * Container Insights (classic, with enhanced observability) through the
 * `amazon-cloudwatch-observability` EKS add-on: the CloudWatch agent DaemonSet turns each
 * node's cAdvisor and kubelet data into performance log events (embedded metric format)
 * in `/aws/containerinsights/<cluster>/performance`, from which CloudWatch makes the
 * `ContainerInsights` metrics the platform's pod alarms watch.
 */
export const CONTAINER_INSIGHTS = {
  addonName: "amazon-cloudwatch-observability",
  /**
   * The add-on's own namespace. A system namespace (policies/lib/k8s.ts `SYSTEM_NAMESPACES`):
   * the agent runs with hostNetwork and hostPath mounts of `/`, `/sys`, `/dev/disk` and the
   * container runtime's socket, which Pod Security `restricted` forbids; it is not meshed
   * (a hostNetwork pod gets no sidecar) and NetworkPolicies do not apply to hostNetwork pods.
   * EKS creates and owns the namespace and its objects, so none of them is in the plan.
   */
  namespace: "amazon-cloudwatch",
  /** The service account of the agent (and of the add-on's Fluent Bit, which is off), the IRSA subject. */
  serviceAccount: "cloudwatch-agent",
} as const;

/**
 * The add-on's configuration values: classic Container Insights on (the `ContainerInsights`
 * metrics), and everything else off: its Fluent Bit container logs (the platform ships
 * logs with its own Fluent Bit, components/observability/), Application Signals (no
 * auto-instrumentation, no traces to X-Ray from the agent) and OTel Container Insights
 * (whose OpenTelemetry-named metrics are queried with PromQL, not the namespace the
 * alarms read, and which adds a cluster scraper, kube-state-metrics and node-exporter).
 */
export function containerInsightsConfiguration(): Record<string, { enabled: boolean }> {
  return {
    containerInsights: { enabled: true },
    containerLogs: { enabled: false },
    applicationSignals: { enabled: false },
    otelContainerInsights: { enabled: false },
  };
}

/** `/aws/containerinsights/<cluster>/performance`: where the agent writes its performance log events. */
export function performanceLogGroupName(clusterName: string): string {
  return `/aws/containerinsights/${clusterName}/performance`;
}

export interface ContainerInsightsPolicyArgs {
  /** The AWS partition, e.g. `aws`. */
  readonly partition: string;
  /** The cluster's region. */
  readonly region: string;
  /** The account that owns the performance log group. */
  readonly accountId: string;
  /** The EKS cluster's name (the log group is `/aws/containerinsights/<cluster>/performance`). */
  readonly clusterName: string;
}

/**
 * The agent's IAM policy, cut down from `CloudWatchAgentServerPolicy` to what Container
 * Insights uses: streams and events in the stack's own performance log group only (the
 * program creates it, encrypted, so the agent never creates a group), and the EC2 reads
 * the agent makes for node metadata (Auto Scaling group tag, EBS volume IDs), which take
 * no resource. No X-Ray, no SSM parameters, no `cloudwatch:PutMetricData` (the metrics
 * come from the log events).
 */
export function containerInsightsPolicy(args: ContainerInsightsPolicyArgs): Record<string, unknown> {
  const group = `arn:${args.partition}:logs:${args.region}:${args.accountId}:log-group:${performanceLogGroupName(args.clusterName)}`;
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "WritePerformanceEvents", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource: [group, `${group}:*`] },
      { Sid: "DescribeNodes", Effect: "Allow", Action: ["ec2:DescribeTags", "ec2:DescribeVolumes"], Resource: "*" },
    ],
  };
}
