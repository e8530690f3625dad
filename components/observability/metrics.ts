/**
 * Prometheus, Alertmanager and Grafana (kube-prometheus-stack) in the meshed
 * `observability` namespace, as pure functions of their inputs: the chart's values, the
 * NetworkPolicies and AuthorizationPolicies that fence each component, the alert rules,
 * Alertmanager's route to the alarm topic and its IAM policy.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as Input from "@pulumi/kubernetes/types/input";
import { MESH } from "../mesh/values";
import { IstioObject } from "../microservice/istio";
import { RESTRICTED_CONTAINER, SIDECAR, SIDECAR_HEALTH_PORTS, meshBaseEgress, nsSelector } from "../microservice/manifests";
import { METRICS_SCRAPER } from "./scraper";

/** The release, its components' Services, ports and service accounts. */
export const MONITORING = {
  namespace: METRICS_SCRAPER.namespace,
  /** The Helm release and the chart's `fullnameOverride`: Services are `<release>-prometheus`, `<release>-alertmanager`. */
  release: "monitoring",
  prometheus: { service: "monitoring-prometheus", port: 9090, serviceAccount: "prometheus" },
  alertmanager: { service: "monitoring-alertmanager", port: 9093, serviceAccount: "alertmanager" },
  /** Grafana's Service listens on 80 and forwards to the container's 3000. */
  grafana: { service: "grafana", port: 80, containerPort: 3000, serviceAccount: "grafana" },
  operator: { serviceAccount: "prometheus-operator" },
  /** istiod's monitoring port (plain HTTP; istiod has no sidecar). */
  istiodMonitoringPort: 15014,
  /** The label the Grafana sidecar watches for dashboard ConfigMaps, and its value. */
  dashboardLabel: { key: "grafana_dashboard", value: "1" },
  /** The Secret holding Grafana's admin user and password. */
  adminSecret: { name: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" },
  /** The encrypted gp3 StorageClass of Prometheus's volumes. */
  storageClass: "gp3-encrypted",
  /** Where the sidecar writes its workload certificate for Prometheus (Istio's OUTPUT_CERTS). */
  istioCertsProxyPath: "/etc/istio-output-certs",
  istioCertsPrometheusPath: "/etc/prom-certs",
} as const;

/** The pod labels each component's NetworkPolicies and AuthorizationPolicies select. */
const MONITORING_LABELS = {
  prometheus: { ...METRICS_SCRAPER.podLabels },
  alertmanager: { "platform/monitoring": "alertmanager" },
  grafana: { "platform/monitoring": "grafana" },
  operator: { "platform/monitoring": "operator" },
} as const;

/** `http://monitoring-prometheus.observability.svc.cluster.local:9090`: Grafana's datasource, and an output. */
export const PROMETHEUS_URL = `http://${MONITORING.prometheus.service}.${MONITORING.namespace}.svc.cluster.local:${MONITORING.prometheus.port}`;
/** `http://grafana.observability.svc.cluster.local:80`: in-cluster only (operators use `kubectl port-forward`). */
export const GRAFANA_URL = `http://${MONITORING.grafana.service}.${MONITORING.namespace}.svc.cluster.local:${MONITORING.grafana.port}`;
/** The Kubernetes API's in-cluster host: the operator, Prometheus' discovery and Grafana's sidecar call it. */
export const KUBERNETES_API_HOST = "kubernetes.default.svc.cluster.local";

/** The mesh identity of a component's service account. */
function monitoringPrincipal(serviceAccount: string): string {
  return `${MESH.trustDomain}/ns/${MONITORING.namespace}/sa/${serviceAccount}`;
}

/**
 * Every container's requests (the capacity policy reads them from the values) and memory
 * limits. Prometheus's memory is per environment (settings); the rest is fixed.
 */
const MONITORING_RESOURCES = {
  operator: { requests: { cpu: "50m", memory: "96Mi" }, limits: { memory: "192Mi" } },
  configReloader: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "64Mi" } },
  prometheusCpu: "150m",
  alertmanager: { requests: { cpu: "20m", memory: "48Mi" }, limits: { memory: "128Mi" } },
  grafana: { requests: { cpu: "50m", memory: "160Mi" }, limits: { memory: "320Mi" } },
  grafanaSidecar: { requests: { cpu: "10m", memory: "48Mi" }, limits: { memory: "96Mi" } },
} as const;

/** The alert thresholds of the services' rules: as the ALB's alarm, 5 % 5xx; p99 over one second. */
const ALERT_THRESHOLDS = { errorRatio: 0.05, p99LatencyMs: 1000 } as const;

/** The pod security context: non-root, RuntimeDefault seccomp, an fsGroup for the volumes. */
function restrictedPod(uid: number): Record<string, unknown> {
  return { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, fsGroup: uid, seccompProfile: { type: "RuntimeDefault" } };
}

/** The sidecar's own requests, as on every other meshed pod. */
const proxyAnnotations = {
  "sidecar.istio.io/proxyCPU": `${SIDECAR.cpuMillis}m`,
  "sidecar.istio.io/proxyMemory": `${SIDECAR.memoryMiB}Mi`,
  "sidecar.istio.io/proxyMemoryLimit": `${SIDECAR.memoryLimitMiB}Mi`,
};

/**
 * Prometheus's pod annotations (Istio's "Prometheus with Istio certificates" setup): its
 * own outbound traffic bypasses the sidecar (it scrapes pod IPs, which REGISTRY_ONLY would
 * drop, and the scrape ports are plain HTTP), while the sidecar still intercepts inbound
 * (Grafana's queries arrive in mTLS) and writes its workload certificate to a shared
 * in-memory volume, which Prometheus presents to Alertmanager's sidecar.
 */
function prometheusPodAnnotations(): Record<string, string> {
  return {
    ...proxyAnnotations,
    "traffic.sidecar.istio.io/includeOutboundIPRanges": "",
    "proxy.istio.io/config": JSON.stringify({ proxyMetadata: { OUTPUT_CERTS: MONITORING.istioCertsProxyPath } }),
    "sidecar.istio.io/userVolumeMount": JSON.stringify([{ name: "istio-certs", mountPath: MONITORING.istioCertsProxyPath }]),
  };
}

/** Prometheus's TLS settings towards meshed endpoints: the sidecar's certificate; Istio's SPIFFE SANs name no host, so no host check. */
function istioTlsConfig(): Record<string, unknown> {
  const dir = MONITORING.istioCertsPrometheusPath;
  return { caFile: `${dir}/root-cert.pem`, certFile: `${dir}/cert-chain.pem`, keyFile: `${dir}/key.pem`, insecureSkipVerify: true };
}

interface ScrapeArgs {
  /** Namespaces whose sidecars (metrics merging, 15020) are scraped: the services' and the gateway's. */
  readonly scrapedNamespaces: readonly string[];
}

/**
 * The scrape jobs: every sidecar of the scraped namespaces on the agent's merged endpoint
 * (one target per pod, found by the proxy's `http-envoy-prom` port), and istiod's
 * monitoring port.
 */
function scrapeConfigs(args: ScrapeArgs): Record<string, unknown>[] {
  return [
    {
      job_name: "istio-proxies",
      kubernetes_sd_configs: [{ role: "pod", namespaces: { names: [...args.scrapedNamespaces] } }],
      metrics_path: "/stats/prometheus",
      relabel_configs: [
        { source_labels: ["__meta_kubernetes_pod_container_name", "__meta_kubernetes_pod_container_port_name"], action: "keep", regex: "istio-proxy;http-envoy-prom" },
        { source_labels: ["__meta_kubernetes_pod_phase"], action: "keep", regex: "Running" },
        { source_labels: ["__meta_kubernetes_pod_ip"], target_label: "__address__", regex: "(.+)", replacement: `$1:${METRICS_SCRAPER.mergedMetricsPort}` },
        { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
        { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
        { source_labels: ["__meta_kubernetes_pod_label_app"], target_label: "app" },
      ],
    },
    {
      job_name: "istiod",
      kubernetes_sd_configs: [{ role: "endpoints", namespaces: { names: [MESH.namespace] } }],
      relabel_configs: [
        { source_labels: ["__meta_kubernetes_service_name", "__meta_kubernetes_endpoint_port_name"], action: "keep", regex: "istiod;http-monitoring" },
        { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
      ],
    },
  ];
}

/** The services' alert rules (PrometheusRule, through the chart): 5xx ratio and p99 latency per service, and the scrapes themselves. */
function alertRules(services: readonly string[]): Record<string, unknown> {
  const ns = services.join("|");
  const dest = `reporter="destination",destination_service_namespace=~"${ns}"`;
  return {
    groups: [
      {
        name: "platform-services",
        rules: [
          {
            alert: "ServiceHighErrorRate",
            expr:
              `sum by (destination_service_namespace) (rate(istio_requests_total{${dest},response_code=~"5.."}[5m]))` +
              ` / sum by (destination_service_namespace) (rate(istio_requests_total{${dest}}[5m])) > ${ALERT_THRESHOLDS.errorRatio}`,
            for: "5m",
            labels: { severity: "critical" },
            annotations: {
              summary: "{{ $labels.destination_service_namespace }}: more than 5% of requests fail with 5xx",
              description: "5xx ratio {{ $value | humanizePercentage }} over 5 minutes (Istio, reporter=destination).",
            },
          },
          {
            alert: "ServiceHighLatency",
            expr: `histogram_quantile(0.99, sum by (destination_service_namespace, le) (rate(istio_request_duration_milliseconds_bucket{${dest}}[5m]))) > ${ALERT_THRESHOLDS.p99LatencyMs}`,
            for: "10m",
            labels: { severity: "warning" },
            annotations: {
              summary: "{{ $labels.destination_service_namespace }}: p99 latency above 1s",
              description: "p99 {{ $value | humanize }} ms over 5 minutes (Istio, reporter=destination).",
            },
          },
          {
            alert: "MeshScrapeDown",
            expr: `up{job=~"istio-proxies|istiod"} == 0`,
            for: "10m",
            labels: { severity: "warning" },
            annotations: { summary: "Prometheus cannot scrape {{ $labels.job }} target {{ $labels.pod }}", description: "No metrics from it for 10 minutes." },
          },
          {
            alert: "IstiodAbsent",
            expr: `absent(up{job="istiod"} == 1)`,
            for: "5m",
            labels: { severity: "critical" },
            annotations: { summary: "No istiod is scraped", description: "The control plane's metrics are missing: istiod is down or unreachable." },
          },
        ],
      },
    ],
  };
}

interface AlertmanagerConfigArgs {
  readonly region: string;
  /** The alarm topic (KMS-encrypted SNS). */
  readonly topicArn: unknown;
}

/**
 * Alertmanager's configuration: every alert to the stack's alarm topic through the SNS
 * API, signed with SigV4 by the pod's IRSA credentials (ALARM and resolved alike).
 */
function alertmanagerConfig(args: AlertmanagerConfigArgs): Record<string, unknown> {
  return {
    global: { resolve_timeout: "5m" },
    inhibit_rules: [],
    route: { receiver: "alarm-topic", group_by: ["alertname", "destination_service_namespace"], group_wait: "30s", group_interval: "5m", repeat_interval: "4h", routes: [] },
    receivers: [
      {
        name: "alarm-topic",
        sns_configs: [{ api_url: `https://sns.${args.region}.amazonaws.com`, sigv4: { region: args.region }, topic_arn: args.topicArn, send_resolved: true }],
      },
    ],
  };
}

/**
 * What Alertmanager may do: publish to the alarm topic, and let SNS use the topic's key
 * for its publishes (the publisher of an encrypted topic needs the data-key calls; only
 * through SNS in this region, `kms:ViaService`).
 */
export function alertPublishPolicy(region: string, topicArn: string, topicKeyArn: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "PublishAlarms", Effect: "Allow", Action: ["sns:Publish"], Resource: topicArn },
      {
        Sid: "EncryptForTopic",
        Effect: "Allow",
        Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
        Resource: topicKeyArn,
        Condition: { StringEquals: { "kms:ViaService": `sns.${region}.amazonaws.com` } },
      },
    ],
  };
}

/**
 * The EBS CSI driver's use of the volumes key for the PersistentVolumes it creates
 * (AWS's documented policy for a customer-managed key): grants only for AWS resources,
 * and the data-key calls.
 */
export function ebsVolumeKeyPolicy(keyArn: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "GrantsForVolumes",
        Effect: "Allow",
        Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
        Resource: keyArn,
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
      { Sid: "EncryptVolumes", Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: keyArn },
    ],
  };
}

/** The StorageClass: gp3 by the EBS CSI driver, encrypted with the cluster's volumes key, bound where the pod lands. */
export function storageClassArgs(kmsKeyArn: k8s.types.input.storage.v1.StorageClass["provisioner"]): k8s.storage.v1.StorageClassArgs {
  return {
    metadata: { name: MONITORING.storageClass },
    provisioner: "ebs.csi.aws.com",
    parameters: { type: "gp3", encrypted: "true", kmsKeyId: kmsKeyArn, "csi.storage.k8s.io/fstype": "ext4" },
    reclaimPolicy: "Delete",
    volumeBindingMode: "WaitForFirstConsumer",
    allowVolumeExpansion: true,
  };
}

export interface PrometheusSettings {
  /** Days of metrics kept. */
  readonly retentionDays: number;
  /** Each replica's volume, in GiB; Prometheus also stops at 85 % of it. */
  readonly storageGiB: number;
  /** Prometheus replicas (each scrapes everything; Alertmanager deduplicates). */
  readonly replicas: number;
  /** Prometheus's memory request (its limit is twice that). */
  readonly memory: string;
}

export interface MonitoringValuesArgs extends ScrapeArgs {
  /** The stack's AWS region (the AWS API hosts and the exporters' endpoints). */
  readonly region: string;
  /** Prometheus's retention, volume, replicas and memory (settings `observability.prometheus`). */
  readonly prometheus: PrometheusSettings;
  /** Services whose alert rules are installed. */
  readonly services: readonly string[];
  /** Alertmanager's IRSA role. */
  readonly alertmanagerRoleArn: unknown;
  /** The alarm topic Alertmanager's SNS receiver publishes to. */
  readonly topicArn: unknown;
}

const memoryMiB = (q: string) => Number(/^(\d+)Mi$/.exec(q)?.[1] ?? /^(\d+)Gi$/.exec(q)?.[1] ?? 0) * (q.endsWith("Gi") ? 1024 : 1);

/**
 * The kube-prometheus-stack values: the operator, Prometheus (persistent, encrypted gp3,
 * the mesh's scrape jobs, the services' rules), Alertmanager (to the alarm topic, by IRSA)
 * and Grafana (admin from a Secret, anonymous off, dashboards from labelled ConfigMaps in
 * this namespace, Prometheus as its datasource). Node exporter and kube-state-metrics are
 * off, and so are the chart's Kubernetes ServiceMonitors and default rules (they need
 * them): node exporter needs hostNetwork, hostPID and hostPath, which the namespace's
 * Pod Security `restricted` forbids, and the nodes' and pods' CPU and memory come from
 * Container Insights. No admission webhook (its certificate Jobs would never finish
 * beside a sidecar), no chart tests.
 */
export function monitoringValues(args: MonitoringValuesArgs): Record<string, unknown> {
  const storageBytesLimit = `${Math.floor(args.prometheus.storageGiB * 0.85)}GB`;
  const promMemMiB = memoryMiB(args.prometheus.memory);
  return {
    fullnameOverride: MONITORING.release,
    crds: { enabled: true },
    defaultRules: { create: false },
    kubernetesServiceMonitors: { enabled: false },
    kubeStateMetrics: { enabled: false },
    nodeExporter: { enabled: false },
    windowsMonitoring: { enabled: false },
    additionalPrometheusRulesMap: { "platform-services": alertRules(args.services) },
    prometheusOperator: {
      admissionWebhooks: { enabled: false, patch: { enabled: false } },
      tls: { enabled: false },
      kubeletService: { enabled: false },
      serviceAccount: { create: true, name: MONITORING.operator.serviceAccount },
      serviceMonitor: { selfMonitor: false },
      podLabels: { ...MONITORING_LABELS.operator },
      podAnnotations: { ...proxyAnnotations },
      resources: MONITORING_RESOURCES.operator,
      securityContext: restrictedPod(65534),
      containerSecurityContext: { ...RESTRICTED_CONTAINER },
      prometheusConfigReloader: { resources: MONITORING_RESOURCES.configReloader },
    },
    prometheus: {
      serviceAccount: { create: true, name: MONITORING.prometheus.serviceAccount },
      serviceMonitor: { selfMonitor: false },
      prometheusSpec: {
        replicas: args.prometheus.replicas,
        retention: `${args.prometheus.retentionDays}d`,
        retentionSize: storageBytesLimit,
        resources: { requests: { cpu: MONITORING_RESOURCES.prometheusCpu, memory: args.prometheus.memory }, limits: { memory: `${2 * promMemMiB}Mi` } },
        storageSpec: {
          volumeClaimTemplate: {
            spec: { storageClassName: MONITORING.storageClass, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: `${args.prometheus.storageGiB}Gi` } } },
          },
        },
        podMetadata: { labels: { ...MONITORING_LABELS.prometheus }, annotations: prometheusPodAnnotations() },
        volumes: [{ name: "istio-certs", emptyDir: { medium: "Memory" } }],
        volumeMounts: [{ name: "istio-certs", mountPath: MONITORING.istioCertsPrometheusPath, readOnly: true }],
        securityContext: restrictedPod(1000),
        additionalScrapeConfigs: scrapeConfigs(args),
        // Alerts go to Alertmanager's sidecar in mTLS, with the certificate Prometheus's sidecar wrote.
        alertingEndpoints: [
          { name: MONITORING.alertmanager.service, namespace: MONITORING.namespace, port: "http-web", scheme: "https", pathPrefix: "/", apiVersion: "v2", tlsConfig: istioTlsConfig() },
        ],
        ruleSelectorNilUsesHelmValues: true,
        serviceMonitorSelectorNilUsesHelmValues: true,
        podMonitorSelectorNilUsesHelmValues: true,
        enableAdminAPI: false,
      },
    },
    alertmanager: {
      serviceAccount: {
        create: true,
        name: MONITORING.alertmanager.serviceAccount,
        annotations: { "eks.amazonaws.com/role-arn": args.alertmanagerRoleArn, "eks.amazonaws.com/sts-regional-endpoints": "true" },
      },
      serviceMonitor: { selfMonitor: false },
      config: alertmanagerConfig({ region: args.region, topicArn: args.topicArn }),
      alertmanagerSpec: {
        // One replica: cluster gossip (9094, TCP and UDP) does not pass the sidecar.
        replicas: 1,
        resources: MONITORING_RESOURCES.alertmanager,
        podMetadata: { labels: { ...MONITORING_LABELS.alertmanager }, annotations: { ...proxyAnnotations } },
        securityContext: restrictedPod(1000),
      },
    },
    grafana: {
      enabled: true,
      fullnameOverride: MONITORING.grafana.service,
      testFramework: { enabled: false },
      // Its port is meshed (STRICT): a plain-HTTP scrape would fail; the mesh's metrics are what Prometheus holds.
      serviceMonitor: { enabled: false },
      defaultDashboardsEnabled: false,
      // Never the chart's default password: the admin comes from the Secret.
      adminPassword: null,
      admin: { existingSecret: MONITORING.adminSecret.name, userKey: MONITORING.adminSecret.userKey, passwordKey: MONITORING.adminSecret.passwordKey },
      "grafana.ini": {
        "auth.anonymous": { enabled: false },
        auth: { disable_login_form: false },
        users: { allow_sign_up: false },
        analytics: { reporting_enabled: false, check_for_updates: false },
        security: { cookie_secure: false, disable_gravatar: true },
      },
      rbac: { namespaced: true },
      serviceAccount: { create: true, name: MONITORING.grafana.serviceAccount },
      podLabels: { ...MONITORING_LABELS.grafana },
      podAnnotations: { ...proxyAnnotations },
      resources: MONITORING_RESOURCES.grafana,
      securityContext: restrictedPod(472),
      containerSecurityContext: { ...RESTRICTED_CONTAINER },
      persistence: { enabled: false },
      sidecar: {
        resources: MONITORING_RESOURCES.grafanaSidecar,
        securityContext: { ...RESTRICTED_CONTAINER },
        // Dashboards from this namespace's labelled ConfigMaps only.
        dashboards: { enabled: true, label: MONITORING.dashboardLabel.key, labelValue: MONITORING.dashboardLabel.value, searchNamespace: null },
        datasources: { enabled: true, defaultDatasourceEnabled: true, url: PROMETHEUS_URL, alertmanager: { enabled: true } },
      },
    },
  };
}

export interface MonitoringNetworkArgs {
  /** Namespaces Prometheus scrapes on the merged-metrics port. */
  readonly scrapedNamespaces: readonly string[];
  /** The application subnets: kubelet probes in; the API server and the AWS endpoints out. */
  readonly applicationCidrs: readonly string[];
  /** The `kubernetes` Service's ClusterIP, as `/32`. */
  readonly kubernetesApiCidr: string;
}

/**
 * Each component's NetworkPolicy (the namespace's default deny stays): Prometheus
 * queried by Grafana on 9090, scraping 15020 in the scraped namespaces and istiod's 15014,
 * alerting to Alertmanager on 9093; Alertmanager reached by Prometheus and Grafana and
 * reaching the SNS and STS endpoints; Grafana reaching Prometheus and Alertmanager; the
 * operator, Prometheus and Grafana reaching the API server. Kubelet probes in everywhere.
 */
export function monitoringNetworkPolicies(args: MonitoringNetworkArgs): Record<string, Input.networking.v1.NetworkPolicySpec> {
  const pods = (labels: Readonly<Record<string, string>>) => ({ podSelector: { matchLabels: { ...labels } } });
  const tcp = (...ports: number[]) => ports.map((port) => ({ protocol: "TCP", port }));
  const probes = { from: args.applicationCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: tcp(...SIDECAR_HEALTH_PORTS) };
  const awsEndpoints = { to: args.applicationCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: tcp(443) };
  const api = { to: [...args.applicationCidrs, args.kubernetesApiCidr].map((cidr) => ({ ipBlock: { cidr } })), ports: tcp(443) };
  const policy = (labels: Readonly<Record<string, string>>, ingress: Input.networking.v1.NetworkPolicyIngressRule[], egress: Input.networking.v1.NetworkPolicyEgressRule[]) => ({
    podSelector: { matchLabels: { ...labels } },
    policyTypes: ["Ingress", "Egress"],
    ingress,
    egress: [...meshBaseEgress(), ...egress],
  });
  return {
    "allow-prometheus": policy(
      MONITORING_LABELS.prometheus,
      [{ from: [pods(MONITORING_LABELS.grafana)], ports: tcp(MONITORING.prometheus.port) }, probes],
      [
        { to: args.scrapedNamespaces.map((ns) => ({ namespaceSelector: nsSelector(ns) })), ports: tcp(METRICS_SCRAPER.mergedMetricsPort) },
        { to: [{ namespaceSelector: nsSelector(MESH.namespace), podSelector: { matchLabels: { app: "istiod" } } }], ports: tcp(MONITORING.istiodMonitoringPort) },
        { to: [pods(MONITORING_LABELS.alertmanager)], ports: tcp(MONITORING.alertmanager.port) },
        api,
      ],
    ),
    "allow-alertmanager": policy(
      MONITORING_LABELS.alertmanager,
      [{ from: [pods(MONITORING_LABELS.prometheus), pods(MONITORING_LABELS.grafana)], ports: tcp(MONITORING.alertmanager.port) }, probes],
      [awsEndpoints],
    ),
    "allow-grafana": policy(
      MONITORING_LABELS.grafana,
      [probes],
      [{ to: [pods(MONITORING_LABELS.prometheus)], ports: tcp(MONITORING.prometheus.port) }, { to: [pods(MONITORING_LABELS.alertmanager)], ports: tcp(MONITORING.alertmanager.port) }, api],
    ),
    "allow-operator": policy(MONITORING_LABELS.operator, [probes], [api]),
  };
}

/** The AuthorizationPolicies: Grafana may query Prometheus; Prometheus and Grafana may reach Alertmanager. Nothing else is admitted. */
export function monitoringAuthorizationPolicies(): IstioObject[] {
  const allow = (name: string, labels: Readonly<Record<string, string>>, accounts: string[], port: number): IstioObject => ({
    apiVersion: "security.istio.io/v1",
    kind: "AuthorizationPolicy",
    name,
    spec: {
      selector: { matchLabels: { ...labels } },
      action: "ALLOW",
      rules: [{ from: [{ source: { principals: accounts.map(monitoringPrincipal) } }], to: [{ operation: { ports: [String(port)] } }] }],
    },
  });
  return [
    allow("allow-prometheus-queries", MONITORING_LABELS.prometheus, [MONITORING.grafana.serviceAccount], MONITORING.prometheus.port),
    allow("allow-alertmanager", MONITORING_LABELS.alertmanager, [MONITORING.prometheus.serviceAccount, MONITORING.grafana.serviceAccount], MONITORING.alertmanager.port),
  ];
}

/** The AWS APIs the namespace's sidecars reach besides the collector's: SNS, for Alertmanager. */
export function monitoringApiHosts(region: string): string[] {
  return [`sns.${region}.amazonaws.com`];
}

/** The first address of a CIDR (the `kubernetes` Service's ClusterIP), as `/32`. */
export function kubernetesApiCidr(serviceCidr: string): string {
  const [base] = serviceCidr.split("/");
  const octets = base.split(".").map(Number);
  const n = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3] + 1;
  return `${[24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".")}/32`;
}
