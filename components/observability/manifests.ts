/**
 * The objects of the shared observability services, as pure functions of their inputs:
 * what Observability registers, testable without a cluster.
 */
import type * as Input from "@pulumi/kubernetes/types/input";
import { IstioObject } from "../microservice/istio";
import { RESTRICTED_CONTAINER, SIDECAR, SIDECAR_HEALTH_PORTS, awsApiHosts, meshBaseEgress, nsSelector } from "../microservice/manifests";
import { MESH } from "../mesh/values";
import { OTEL_COLLECTOR_IMAGE } from "./charts";

/** Where the shared services run and what they are called. */
export const OBSERVABILITY = {
  /** The meshed namespace of the collector. */
  namespace: "observability",
  /** The collector's release, Deployment, Service and service account. */
  collector: "otel-collector",
  /** OTLP over gRPC. */
  otlpGrpcPort: 4317,
  /** Fluent Bit reads the nodes' /var/log (hostPath), which Pod Security `restricted` forbids: it runs in kube-system. */
  logShipperNamespace: "kube-system",
  logShipper: "fluent-bit",
} as const;

/** The collector's requests (the capacity policy reads them from the values). */
const COLLECTOR_REQUESTS = { cpu: "100m", memory: "256Mi" } as const;
const COLLECTOR_MEMORY_LIMIT_MIB = 512;
/** Fluent Bit's requests, per node. */
const LOG_SHIPPER_REQUESTS = { cpu: "25m", memory: "64Mi" } as const;
/** UID the collector runs as (the contrib image's own non-root user). */
const COLLECTOR_UID = 10001;

/** `otel-collector.observability.svc.cluster.local`: the collector's in-mesh host. */
const COLLECTOR_HOST = `${OBSERVABILITY.collector}.${OBSERVABILITY.namespace}.svc.cluster.local`;
/** `host:port` the mesh sends traces to by default (`platform:mesh.tracingCollector`). */
export const COLLECTOR_ADDRESS = `${COLLECTOR_HOST}:${OBSERVABILITY.otlpGrpcPort}`;

/**
 * What the `awsxray` exporter calls, as in AWS's managed policy AWSXRayDaemonWriteAccess:
 * segment and telemetry uploads and the sampling rules. X-Ray has no resource-level
 * permissions for them, so the resource is `*`.
 */
const XRAY_WRITE_ACTIONS = [
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
  "xray:GetSamplingStatisticSummaries",
] as const;

/** The collector's IAM policy: X-Ray writes only. */
export function xrayWritePolicy(): Record<string, unknown> {
  return { Version: "2012-10-17", Statement: [{ Sid: "XRayWrite", Effect: "Allow", Action: [...XRAY_WRITE_ACTIONS], Resource: "*" }] };
}

/**
 * What Fluent Bit's `cloudwatch_logs` output calls on an existing group (auto-creation is
 * off, so no `logs:CreateLogGroup`). No KMS permission: CloudWatch Logs encrypts with the
 * group's key itself, under the key policy's grant to the Logs service principal.
 */
const LOG_SHIPPER_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"] as const;

/** `arn:<partition>:logs:<region>:<account>:log-group:<name>`. */
export function logGroupArn(partition: string, region: string, accountId: string, name: string): string {
  return `arn:${partition}:logs:${region}:${accountId}:log-group:${name}`;
}

/** Fluent Bit's IAM policy: the three calls on the services' log groups and their streams only. */
export function logShipperPolicy(groupArns: readonly string[]): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "ShipServiceLogs", Effect: "Allow", Action: [...LOG_SHIPPER_ACTIONS], Resource: groupArns.flatMap((arn) => [arn, `${arn}:log-stream:*`]) }],
  };
}

/** The collector pods' own label, what the NetworkPolicies and AuthorizationPolicies select. */
export const COLLECTOR_LABELS = { app: OBSERVABILITY.collector } as const;

/** The AWS APIs the collector reaches: STS for its IRSA credentials, X-Ray for the traces. */
function collectorApiHosts(region: string): string[] {
  return [...awsApiHosts(region), `xray.${region}.amazonaws.com`];
}

export interface CollectorValuesArgs {
  /** The stack's AWS region (the AWS API hosts and the exporters' endpoints). */
  readonly region: string;
  /** The collector's IRSA role. */
  readonly roleArn: unknown;
  /** Collector pods. */
  readonly replicas: number;
}

/**
 * The collector chart's values: a Deployment of the contrib image receiving OTLP gRPC on
 * 4317 only and exporting traces to X-Ray (memory limiter, then batches), the IRSA service
 * account pinned to the regional STS endpoint, explicit requests, pods that pass Pod
 * Security `restricted`, a PDB, and the default receivers (Jaeger, Zipkin, Prometheus,
 * OTLP HTTP) and debug exporter removed.
 */
export function collectorValues(args: CollectorValuesArgs): Record<string, unknown> {
  return {
    mode: "deployment",
    fullnameOverride: OBSERVABILITY.collector,
    replicaCount: args.replicas,
    image: { ...OTEL_COLLECTOR_IMAGE },
    command: { name: "otelcol-contrib" },
    serviceAccount: {
      create: true,
      name: OBSERVABILITY.collector,
      annotations: { "eks.amazonaws.com/role-arn": args.roleArn, "eks.amazonaws.com/sts-regional-endpoints": "true" },
    },
    podLabels: { ...COLLECTOR_LABELS },
    podAnnotations: {
      "sidecar.istio.io/proxyCPU": `${SIDECAR.cpuMillis}m`,
      "sidecar.istio.io/proxyMemory": `${SIDECAR.memoryMiB}Mi`,
      "sidecar.istio.io/proxyMemoryLimit": `${SIDECAR.memoryLimitMiB}Mi`,
    },
    resources: { requests: { ...COLLECTOR_REQUESTS }, limits: { memory: `${COLLECTOR_MEMORY_LIMIT_MIB}Mi` } },
    podSecurityContext: { runAsNonRoot: true, runAsUser: COLLECTOR_UID, runAsGroup: COLLECTOR_UID, seccompProfile: { type: "RuntimeDefault" } },
    securityContext: { ...RESTRICTED_CONTAINER },
    podDisruptionBudget: { enabled: true, minAvailable: 1 },
    service: { type: "ClusterIP" },
    ports: {
      otlp: { enabled: true, containerPort: OBSERVABILITY.otlpGrpcPort, servicePort: OBSERVABILITY.otlpGrpcPort, protocol: "TCP", appProtocol: "grpc" },
      "otlp-http": { enabled: false },
      "jaeger-compact": { enabled: false },
      "jaeger-thrift": { enabled: false },
      "jaeger-grpc": { enabled: false },
      zipkin: { enabled: false },
      metrics: { enabled: false },
    },
    config: {
      receivers: {
        jaeger: null,
        zipkin: null,
        prometheus: null,
        otlp: { protocols: { grpc: { endpoint: `\${env:MY_POD_IP}:${OBSERVABILITY.otlpGrpcPort}` }, http: null } },
      },
      processors: {
        memory_limiter: { check_interval: "1s", limit_percentage: 80, spike_limit_percentage: 25 },
        batch: { timeout: "5s", send_batch_size: 512 },
      },
      exporters: { debug: null, awsxray: { region: args.region } },
      service: {
        pipelines: {
          logs: null,
          metrics: null,
          traces: { receivers: ["otlp"], processors: ["memory_limiter", "batch"], exporters: ["awsxray"] },
        },
      },
    },
  };
}

/** What the collector's namespace admits and reaches. */
export interface CollectorNetworkArgs {
  /** Namespaces whose sidecars send traces (the services', the ingress gateway's). */
  readonly senders: readonly string[];
  /** The application subnets' CIDRs: kubelet probes in, the AWS interface endpoints out. */
  readonly applicationCidrs: readonly string[];
}

/** NetworkPolicies: deny all both ways; OTLP in from the senders, probes in; DNS, istiod and the AWS endpoints out. */
export function collectorNetworkPolicies(args: CollectorNetworkArgs): Record<string, Input.networking.v1.NetworkPolicySpec> {
  const pods = { matchLabels: { ...COLLECTOR_LABELS } };
  return {
    "default-deny": { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    "allow-ingress": {
      podSelector: pods,
      policyTypes: ["Ingress"],
      ingress: [
        { from: args.senders.map((ns) => ({ namespaceSelector: nsSelector(ns) })), ports: [{ protocol: "TCP", port: OBSERVABILITY.otlpGrpcPort }] },
        { from: args.applicationCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: SIDECAR_HEALTH_PORTS.map((p) => ({ protocol: "TCP", port: p })) },
      ],
    },
    "allow-egress": {
      podSelector: pods,
      policyTypes: ["Egress"],
      egress: [...meshBaseEgress(), { to: args.applicationCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port: 443 }] }],
    },
  };
}

export interface CollectorMeshArgs {
  /** The stack's AWS region (the AWS API hosts and the exporters' endpoints). */
  readonly region: string;
  /** AWS API hosts other pods of the namespace reach (Alertmanager's SNS), declared beside the collector's. */
  readonly extraApiHosts?: readonly string[];
  /** In-cluster hosts (`<namespace>/<host>`) the namespace's sidecars import, e.g. the Kubernetes API for the monitoring components. */
  readonly extraMeshHosts?: readonly string[];
  /** The mesh identities allowed to send traces: `<trust domain>/ns/<ns>/sa/<sa>`. */
  readonly senderPrincipals: readonly string[];
}

/** The collector's Istio objects: default deny, OTLP from the senders, REGISTRY_ONLY egress to STS and X-Ray. */
export function collectorMeshObjects(args: CollectorMeshArgs): IstioObject[] {
  const hosts = [...collectorApiHosts(args.region), ...(args.extraApiHosts ?? [])];
  return [
    { apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy", name: "deny-all", spec: {} },
    {
      apiVersion: "security.istio.io/v1",
      kind: "AuthorizationPolicy",
      name: "allow-senders",
      spec: {
        selector: { matchLabels: { ...COLLECTOR_LABELS } },
        action: "ALLOW",
        rules: [{ from: [{ source: { principals: [...args.senderPrincipals] } }], to: [{ operation: { ports: [String(OBSERVABILITY.otlpGrpcPort)] } }] }],
      },
    },
    {
      apiVersion: "networking.istio.io/v1",
      kind: "Sidecar",
      name: "default",
      spec: { egress: [{ hosts: ["./*", `${MESH.namespace}/*`, ...(args.extraMeshHosts ?? []), ...hosts.map((h) => `./${h}`)] }], outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } },
    },
    {
      apiVersion: "networking.istio.io/v1",
      kind: "ServiceEntry",
      name: "aws-apis",
      spec: { hosts, location: "MESH_EXTERNAL", resolution: "DNS", ports: [{ number: 443, name: "tls", protocol: "TLS" }], exportTo: ["."] },
    },
  ];
}

export interface LogShipperValuesArgs {
  /** The stack's AWS region (the AWS API hosts and the exporters' endpoints). */
  readonly region: string;
  /** Fluent Bit's IRSA role. */
  readonly roleArn: unknown;
  /** Each service (its namespace) and its log group's name. */
  readonly logGroups: readonly { readonly service: string; readonly logGroupName: string }[];
}

/**
 * Fluent Bit's pipeline in its classic format: one `tail` input per service namespace
 * (the kubelet's `/var/log/containers/<pod>_<namespace>_<container>-<id>.log`, CRI and
 * Docker multiline parsers), one `cloudwatch_logs` output per service into its own log
 * group, one stream per container log file, groups never created by the shipper.
 */
function logShipperPipeline(args: Pick<LogShipperValuesArgs, "region" | "logGroups">): { inputs: string; outputs: string } {
  const inputs = args.logGroups.map(({ service }) =>
    [
      "[INPUT]",
      "    Name              tail",
      `    Path              /var/log/containers/*_${service}_*.log`,
      "    multiline.parser  cri, docker",
      `    Tag               svc.${service}.*`,
      "    Mem_Buf_Limit     5MB",
      "    Skip_Long_Lines   On",
      "    Refresh_Interval  10",
    ].join("\n"),
  );
  const outputs = args.logGroups.map(({ service, logGroupName }) =>
    [
      "[OUTPUT]",
      "    Name               cloudwatch_logs",
      `    Match              svc.${service}.*`,
      `    region             ${args.region}`,
      `    log_group_name     ${logGroupName}`,
      "    log_stream_prefix  pod.",
      "    auto_create_group  Off",
      "    sts_endpoint       " + `https://sts.${args.region}.amazonaws.com`,
    ].join("\n"),
  );
  return { inputs: inputs.join("\n\n") + "\n", outputs: outputs.join("\n\n") + "\n" };
}

/**
 * The Fluent Bit chart's values: a DaemonSet on every node (system-node-critical), the
 * IRSA service account, explicit requests, a read-only root file system without
 * capabilities, no Kubernetes API filter (routing is by namespace in the file name), and
 * the pipeline of {@link logShipperPipeline}.
 */
export function logShipperValues(args: LogShipperValuesArgs): Record<string, unknown> {
  const pipeline = logShipperPipeline(args);
  return {
    kind: "DaemonSet",
    fullnameOverride: OBSERVABILITY.logShipper,
    serviceAccount: {
      create: true,
      name: OBSERVABILITY.logShipper,
      annotations: { "eks.amazonaws.com/role-arn": args.roleArn, "eks.amazonaws.com/sts-regional-endpoints": "true" },
    },
    priorityClassName: "system-node-critical",
    resources: { requests: { ...LOG_SHIPPER_REQUESTS }, limits: { memory: "128Mi" } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
    podSecurityContext: { seccompProfile: { type: "RuntimeDefault" } },
    config: { inputs: pipeline.inputs, filters: "", outputs: pipeline.outputs },
  };
}
