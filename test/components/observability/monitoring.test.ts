import { describe, expect, it } from "vitest";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1";
import { AuthorizationPolicy } from "@kubernetes-models/istio/security.istio.io/v1";
import { dashboards, meshDashboard, servicesDashboard } from "../../../components/observability/dashboards";
import { kubernetesApiCidr, monitoringValues } from "../../../components/observability/metrics";
import { CHART_MODELS } from "../../../policies/lib/capacity";
import { awsEksNodeGroupCapacity } from "../../../policies/rules/aws/eks/aws-eks-nodegroup-capacity";
import { kubernetesCoreServiceReferenceExists } from "../../../policies/rules/kubernetes/core/kubernetes-core-service-reference-exists";
import { kubernetesHelmReleaseGrafanaAdminSecret } from "../../../policies/rules/kubernetes/helm/kubernetes-helm-release-grafana-admin-secret";
import { kubernetesIstioIrsaAwsApisReachable } from "../../../policies/rules/kubernetes/istio/kubernetes-istio-irsa-aws-apis-reachable";
import { kubernetesStorageStorageClassEbsEncrypted } from "../../../policies/rules/kubernetes/storage/kubernetes-storage-storageclass-ebs-encrypted";
import { runPolicy } from "../../policies/fixtures";
import { clonePlan, loadPlan, ofType, single, STACKS } from "../../support/plans";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Model = new (data?: any) => object;
const validate = (Kind: Model, data: unknown) => (new Kind(data) as { validate(): void }).validate();

const RELEASE = "kubernetes:helm.sh/v3:Release";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const AUTHZ = "kubernetes:security.istio.io/v1:AuthorizationPolicy";
const SERVICES = ["user", "product", "order"];
const PROM_PODS = { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "observability" } }, podSelector: { matchLabels: { "platform/monitoring": "prometheus" } } };
/** Per stack: retention, volume, replicas, memory (stacks/profiles.ts). */
const PROMETHEUS = { dev: ["7d", "20Gi", 1, "512Mi", "17GB"], prod: ["30d", "100Gi", 2, "1Gi", "85GB"] } as const;

/**
 * The metric names Istio's sidecars and istiod export (Istio's standard metrics, pilot's
 * and the Go/process collectors), plus Prometheus's own `up`: every dashboard query must
 * read only these, or its panel stays empty.
 */
const MESH_METRICS = new Set([
  "istio_requests_total",
  "istio_request_duration_milliseconds_bucket",
  "pilot_xds",
  "pilot_xds_pushes",
  "pilot_xds_push_errors",
  "pilot_total_xds_rejects",
  "pilot_proxy_convergence_time_bucket",
  "process_cpu_seconds_total",
  "go_memstats_alloc_bytes",
  "up",
]);
const PROMQL_WORDS = new Set(["sum", "by", "rate", "histogram_quantile", "le", "type", "pod", "namespace", "destination_service_namespace", "response_code", "absent"]);
/** The metric names a PromQL expression reads: identifiers outside label matchers and grouping. */
function metricsOf(expr: string): string[] {
  const bare = expr.replace(/\{[^}]*\}/g, "").replace(/by \([^)]*\)/g, "").replace(/\[[^\]]*\]/g, "");
  return [...bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)].map((m) => m[0]).filter((w) => !PROMQL_WORDS.has(w));
}

describe.each(STACKS)("metrics stack (%s)", (stack) => {
  const doc = loadPlan(stack);
  const inputs = (type: string, name: string) => single(doc, type, name).inputs as Any;
  const release = () => inputs(RELEASE, "observability-monitoring-stack");

  it("creates exactly the StorageClass, fences, Alertmanager's role, Grafana's Secret, two dashboards and one pinned release", () => {
    const mine = doc.resources.filter((r) => r.name.startsWith("observability-monitoring")).map((r) => `${r.type}::${r.name}`).sort();
    expect(mine).toEqual(
      [
        "platform:observability:Monitoring::observability-monitoring",
        "aws:iam/policy:Policy::observability-monitoring-ebs-key-policy",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment::observability-monitoring-ebs-key-attachment",
        "aws:iam/role:Role::observability-monitoring-alertmanager-role",
        "aws:iam/rolePolicy:RolePolicy::observability-monitoring-alertmanager-policy",
        "kubernetes:core/v1:ConfigMap::observability-monitoring-dashboard-mesh",
        "kubernetes:core/v1:ConfigMap::observability-monitoring-dashboard-services",
        "kubernetes:core/v1:Secret::observability-monitoring-grafana-admin",
        `${RELEASE}::observability-monitoring-stack`,
        `${NETPOL}::observability-monitoring-allow-alertmanager`,
        `${NETPOL}::observability-monitoring-allow-grafana`,
        `${NETPOL}::observability-monitoring-allow-operator`,
        `${NETPOL}::observability-monitoring-allow-prometheus`,
        `${AUTHZ}::observability-monitoring-authorizationpolicy-allow-alertmanager`,
        `${AUTHZ}::observability-monitoring-authorizationpolicy-allow-prometheus-queries`,
        "kubernetes:storage.k8s.io/v1:StorageClass::observability-monitoring-storage-class",
        "random:index/randomPassword:RandomPassword::observability-monitoring-grafana-admin-password",
      ].sort(),
    );
    for (const r of ofType(doc, NETPOL).filter((r) => r.name.startsWith("observability-monitoring"))) validate(NetworkPolicy, r.inputs);
    for (const r of ofType(doc, AUTHZ).filter((r) => r.name.startsWith("observability-monitoring"))) validate(AuthorizationPolicy, r.inputs);
  });

  it("pins kube-prometheus-stack 91.5.0 in the observability namespace, without node exporter, kube-state-metrics or webhook Jobs", () => {
    const r = release();
    expect([r.chart, r.version, r.repositoryOpts.repo, r.namespace, r.name]).toEqual([
      "kube-prometheus-stack",
      "91.5.0",
      "https://prometheus-community.github.io/helm-charts",
      "observability",
      "monitoring",
    ]);
    const v = r.values;
    expect([v.nodeExporter, v.kubeStateMetrics, v.kubernetesServiceMonitors, v.defaultRules]).toEqual([{ enabled: false }, { enabled: false }, { enabled: false }, { create: false }]);
    expect(v.prometheusOperator.admissionWebhooks).toEqual({ enabled: false, patch: { enabled: false } });
    expect(v.grafana.testFramework).toEqual({ enabled: false });
    // No ServiceMonitor for the chart's own meshed components: their ports are STRICT mTLS.
    expect([v.prometheus.serviceMonitor, v.alertmanager.serviceMonitor, v.prometheusOperator.serviceMonitor, v.grafana.serviceMonitor]).toEqual([
      { selfMonitor: false },
      { selfMonitor: false },
      { selfMonitor: false },
      { enabled: false },
    ]);
  });

  it("keeps Prometheus on encrypted gp3 for the stack's retention, with explicit requests for every container", () => {
    const [retention, storage, replicas, memory, size] = PROMETHEUS[stack];
    const spec = release().values.prometheus.prometheusSpec;
    expect([spec.retention, spec.retentionSize, spec.replicas]).toEqual([retention, size, replicas]);
    expect(spec.storageSpec.volumeClaimTemplate.spec).toEqual({ storageClassName: "gp3-encrypted", accessModes: ["ReadWriteOnce"], resources: { requests: { storage } } });
    expect(spec.resources.requests).toEqual({ cpu: "150m", memory });
    const v = release().values;
    expect(v.prometheusOperator.resources.requests).toEqual({ cpu: "50m", memory: "96Mi" });
    expect(v.prometheusOperator.prometheusConfigReloader.resources.requests).toEqual({ cpu: "10m", memory: "32Mi" });
    expect(v.alertmanager.alertmanagerSpec.resources.requests).toEqual({ cpu: "20m", memory: "48Mi" });
    expect(v.grafana.resources.requests).toEqual({ cpu: "50m", memory: "160Mi" });
    expect(v.grafana.sidecar.resources.requests).toEqual({ cpu: "10m", memory: "48Mi" });
    for (const sc of [v.prometheusOperator.containerSecurityContext, v.grafana.containerSecurityContext, v.grafana.sidecar.securityContext]) {
      expect(sc).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } });
    }
    for (const pod of [v.prometheusOperator.securityContext, spec.securityContext, v.alertmanager.alertmanagerSpec.securityContext, v.grafana.securityContext]) {
      expect(pod).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
      expect(pod.runAsUser).toBeGreaterThan(0);
    }
    const sc = inputs("kubernetes:storage.k8s.io/v1:StorageClass", "observability-monitoring-storage-class");
    validate(StorageClass, sc);
    expect([sc.provisioner, sc.parameters.type, sc.parameters.encrypted, sc.parameters.kmsKeyId, sc.volumeBindingMode]).toEqual([
      "ebs.csi.aws.com",
      "gp3",
      "true",
      single(doc, "aws:kms/key:Key", "cluster-volumes-key").inputs.arn ?? expect.stringContaining("cluster-volumes-key"),
      "WaitForFirstConsumer",
    ]);
  });

  it("the StorageClass passes the EBS encryption policy, and fails it under the default key", async () => {
    expect((await runPolicy(kubernetesStorageStorageClassEbsEncrypted, doc.resources)).violations).toEqual([]);
    const plain = clonePlan(doc);
    delete (single(plain, "kubernetes:storage.k8s.io/v1:StorageClass", "observability-monitoring-storage-class").inputs as Any).parameters.kmsKeyId;
    expect((await runPolicy(kubernetesStorageStorageClassEbsEncrypted, plain.resources)).violations.map(String)).toEqual([
      "observability-monitoring-storage-class: The ebs.csi.aws.com StorageClass names no kmsKeyId, so volumes use the account's default EBS key, not a customer-managed one.",
    ]);
  });

  it("lets the EBS CSI driver use the volumes key for volumes only", () => {
    // The EBS CSI driver may use that key for volumes only (grants for AWS resources), through a managed policy on its role.
    const policy = JSON.parse(inputs("aws:iam/policy:Policy", "observability-monitoring-ebs-key-policy").policy);
    expect(policy.Statement[0]).toMatchObject({ Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } });
    expect(String(inputs("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "observability-monitoring-ebs-key-attachment").role)).toContain("cluster-ebs-csi-irsa");
  });

  it("scrapes the services' and the gateway's sidecars on the merged 15020 endpoint and istiod on 15014, Istio's way under STRICT mTLS", () => {
    const spec = release().values.prometheus.prometheusSpec;
    const [proxies, istiod] = spec.additionalScrapeConfigs;
    expect(proxies.job_name).toBe("istio-proxies");
    expect(proxies.kubernetes_sd_configs).toEqual([{ role: "pod", namespaces: { names: [...SERVICES, "istio-ingress"] } }]);
    expect(proxies.metrics_path).toBe("/stats/prometheus");
    expect(proxies.relabel_configs[2]).toEqual({ source_labels: ["__meta_kubernetes_pod_ip"], target_label: "__address__", regex: "(.+)", replacement: "$1:15020" });
    expect(istiod.kubernetes_sd_configs).toEqual([{ role: "endpoints", namespaces: { names: ["istio-system"] } }]);
    expect(istiod.relabel_configs[0].regex).toBe("istiod;http-monitoring");
    // Prometheus's own outbound bypasses its sidecar; its sidecar still takes Grafana's mTLS, and lends it a certificate for Alertmanager.
    const ann = spec.podMetadata.annotations;
    expect(ann["traffic.sidecar.istio.io/includeOutboundIPRanges"]).toBe("");
    expect(JSON.parse(ann["proxy.istio.io/config"])).toEqual({ proxyMetadata: { OUTPUT_CERTS: "/etc/istio-output-certs" } });
    expect(ann).not.toHaveProperty("traffic.sidecar.istio.io/includeInboundPorts");
    expect(spec.alertingEndpoints).toEqual([
      {
        name: "monitoring-alertmanager",
        namespace: "observability",
        port: "http-web",
        scheme: "https",
        pathPrefix: "/",
        apiVersion: "v2",
        tlsConfig: { caFile: "/etc/prom-certs/root-cert.pem", certFile: "/etc/prom-certs/cert-chain.pem", keyFile: "/etc/prom-certs/key.pem", insecureSkipVerify: true },
      },
    ]);
  });

  it("admits Prometheus to the services and the gateway on 15020 only, from its own pods only", () => {
    for (const s of SERVICES) {
      const ingress = inputs(NETPOL, `${s}-pod-allow-ingress`).spec.ingress;
      const fromPrometheus = ingress.filter((rule: Any) => JSON.stringify(rule.from).includes("platform/monitoring"));
      expect(fromPrometheus).toEqual([{ from: [PROM_PODS], ports: [{ protocol: "TCP", port: 15020 }] }]);
    }
    const gateway = ofType(doc, NETPOL).find((r) => (r.inputs as Any).metadata.namespace === "istio-ingress")!.inputs as Any;
    expect(gateway.spec.ingress).toContainEqual({ from: [PROM_PODS], ports: [{ protocol: "TCP", port: 15020 }] });
  });

  it("fences each component: Grafana to Prometheus on 9090, Prometheus and Grafana to Alertmanager on 9093, by NetworkPolicy and mesh identity", () => {
    const prom = inputs(NETPOL, "observability-monitoring-allow-prometheus").spec;
    expect(prom.podSelector).toEqual({ matchLabels: { "platform/monitoring": "prometheus" } });
    expect(prom.ingress[0]).toEqual({ from: [{ podSelector: { matchLabels: { "platform/monitoring": "grafana" } } }], ports: [{ protocol: "TCP", port: 9090 }] });
    const egress = prom.egress.map((e: Any) => e.ports.map((p: Any) => p.port).join(","));
    expect(egress).toEqual(["53,53", "15012", "15020", "15014", "9093", "443"]);
    expect(prom.egress[2].to.map((t: Any) => t.namespaceSelector.matchLabels["kubernetes.io/metadata.name"])).toEqual([...SERVICES, "istio-ingress"]);
    expect(prom.egress[5].to.map((t: Any) => t.ipBlock.cidr)).toContain("172.20.0.1/32");
    const am = inputs(NETPOL, "observability-monitoring-allow-alertmanager").spec;
    expect(am.ingress[0].from.map((f: Any) => f.podSelector.matchLabels["platform/monitoring"])).toEqual(["prometheus", "grafana"]);
    expect(am.ingress[0].ports).toEqual([{ protocol: "TCP", port: 9093 }]);
    // Grafana and the operator take nothing but probes.
    for (const who of ["grafana", "operator"]) expect(inputs(NETPOL, `observability-monitoring-allow-${who}`).spec.ingress.map((i: Any) => i.ports.map((p: Any) => p.port))).toEqual([[15020, 15021]]);
    const queries = inputs(AUTHZ, "observability-monitoring-authorizationpolicy-allow-prometheus-queries").spec;
    expect(queries.rules).toEqual([{ from: [{ source: { principals: ["cluster.local/ns/observability/sa/grafana"] } }], to: [{ operation: { ports: ["9090"] } }] }]);
    const alerts = inputs(AUTHZ, "observability-monitoring-authorizationpolicy-allow-alertmanager").spec;
    expect(alerts.rules[0].from[0].source.principals).toEqual(["cluster.local/ns/observability/sa/prometheus", "cluster.local/ns/observability/sa/grafana"]);
    // The namespace's Sidecar imports the API server for the operator and Grafana's sidecar.
    expect(inputs("kubernetes:networking.istio.io/v1:Sidecar", "observability-sidecar-default").spec.egress[0].hosts).toContain("default/kubernetes.default.svc.cluster.local");
  });

  it("routes every alert to the KMS-encrypted alarm topic, signed by an IRSA role that may only publish there", async () => {
    const am = release().values.alertmanager;
    expect(am.config.route).toMatchObject({ receiver: "alarm-topic", routes: [] });
    expect(am.config.receivers).toEqual([
      {
        name: "alarm-topic",
        sns_configs: [{ api_url: "https://sns.us-east-1.amazonaws.com", sigv4: { region: "us-east-1" }, topic_arn: expect.stringContaining("alarms-topic"), send_resolved: true }],
      },
    ]);
    expect(am.serviceAccount.annotations["eks.amazonaws.com/role-arn"]).toContain("observability-monitoring-alertmanager-role");
    const trust = JSON.parse(inputs("aws:iam/role:Role", "observability-monitoring-alertmanager-role").assumeRolePolicy);
    expect(Object.values(trust.Statement[0].Condition.StringEquals)).toContain("system:serviceaccount:observability:alertmanager");
    const policy = JSON.parse(inputs("aws:iam/rolePolicy:RolePolicy", "observability-monitoring-alertmanager-policy").policy);
    expect(policy.Statement).toEqual([
      { Sid: "PublishAlarms", Effect: "Allow", Action: ["sns:Publish"], Resource: expect.stringContaining("alarms-topic") },
      {
        Sid: "EncryptForTopic",
        Effect: "Allow",
        Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
        Resource: expect.stringContaining("alarms-key"),
        Condition: { StringEquals: { "kms:ViaService": "sns.us-east-1.amazonaws.com" } },
      },
    ]);
    expect(single(doc, "aws:ec2/vpcEndpoint:VpcEndpoint", "network-endpoint-sns").inputs).toMatchObject({ serviceName: "com.amazonaws.us-east-1.sns", privateDnsEnabled: true });
    expect((await runPolicy(kubernetesIstioIrsaAwsApisReachable, doc.resources)).violations).toEqual([]);
    // Without kms:ViaService the pod itself could call KMS, which its mesh does not declare.
    const direct = clonePlan(doc);
    const r = single(direct, "aws:iam/rolePolicy:RolePolicy", "observability-monitoring-alertmanager-policy").inputs as Any;
    const p = JSON.parse(r.policy);
    delete p.Statement[1].Condition;
    r.policy = JSON.stringify(p);
    const { violations } = await runPolicy(kubernetesIstioIrsaAwsApisReachable, direct.resources);
    expect(violations.map(String)).toEqual([expect.stringMatching(/^observability-monitoring-alertmanager-role: .*is granted kms:GenerateDataKey\*, but namespace 'observability' reaches no kms\.us-east-1\.amazonaws\.com/)]);
  });

  it("alerts on each service's 5xx ratio and p99 latency from Istio's metrics", () => {
    const rules = release().values.additionalPrometheusRulesMap["platform-services"].groups[0].rules;
    expect(rules.map((r: Any) => r.alert)).toEqual(["ServiceHighErrorRate", "ServiceHighLatency", "MeshScrapeDown", "IstiodAbsent"]);
    expect(rules[0].expr).toContain(`istio_requests_total{reporter="destination",destination_service_namespace=~"user|product|order",response_code=~"5.."}`);
    expect(rules[0].expr.endsWith("> 0.05")).toBe(true);
    expect(rules[1].expr).toMatch(/^histogram_quantile\(0\.99, .*istio_request_duration_milliseconds_bucket.*\) > 1000$/);
    for (const r of rules) for (const m of metricsOf(r.expr)) expect(MESH_METRICS).toContain(m);
  });

  it("gives Grafana a generated admin password in a Secret, never in the values, anonymous off, and Prometheus as its datasource", async () => {
    const g = release().values.grafana;
    expect(g.admin).toEqual({ existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" });
    expect(g.adminPassword).toBeNull();
    expect(g["grafana.ini"]["auth.anonymous"]).toEqual({ enabled: false });
    expect(g.sidecar.datasources).toMatchObject({ enabled: true, defaultDatasourceEnabled: true, url: "http://monitoring-prometheus.observability.svc.cluster.local:9090" });
    expect(g.sidecar.dashboards).toMatchObject({ enabled: true, label: "grafana_dashboard", labelValue: "1", searchNamespace: null });
    const secret = single(doc, "kubernetes:core/v1:Secret", "observability-monitoring-grafana-admin");
    expect((secret.inputs as Any).metadata).toMatchObject({ name: "grafana-admin", namespace: "observability" });
    expect((secret.inputs as Any).stringData).toBe("[secret]");
    expect(secret.dependencies).toContain(single(doc, "random:index/randomPassword:RandomPassword", "observability-monitoring-grafana-admin-password").urn);
    expect(JSON.stringify(release().values)).not.toContain("not-a-real-token");
    expect((await runPolicy(kubernetesHelmReleaseGrafanaAdminSecret, doc.resources)).violations).toEqual([]);
    expect((await runPolicy(kubernetesCoreServiceReferenceExists, doc.resources)).violations).toEqual([]);
    expect(doc.outputs.observability).toEqual({
      prometheusUrl: "http://monitoring-prometheus.observability.svc.cluster.local:9090",
      grafanaUrl: "http://grafana.observability.svc.cluster.local:80",
    });
  });

  it("every random resource uses the explicit random provider (default providers are off in Pulumi.yaml)", () => {
    const randoms = doc.resources.filter((r) => r.type.startsWith("random:"));
    expect(randoms.length).toBeGreaterThanOrEqual(8);
    for (const r of randoms) expect([r.name, r.provider]).toEqual([r.name, expect.stringMatching(/::pulumi:providers:random::random$/)]);
  });

  it("ships the dashboards as labelled ConfigMaps of valid JSON whose panels read the mesh's metrics", () => {
    for (const [name, file, uid] of [
      ["observability-monitoring-dashboard-services", "platform-services.json", "platform-services"],
      ["observability-monitoring-dashboard-mesh", "platform-mesh.json", "platform-mesh"],
    ]) {
      const cm = inputs("kubernetes:core/v1:ConfigMap", name);
      expect(cm.metadata.labels.grafana_dashboard).toBe("1");
      expect(cm.metadata.namespace).toBe("observability");
      const board = JSON.parse(cm.data[file]);
      expect(board.uid).toBe(uid);
      expect(board.panels.length).toBeGreaterThanOrEqual(4);
      expect(new Set(board.panels.map((p: Any) => p.id)).size).toBe(board.panels.length);
      for (const p of board.panels) {
        expect(p.datasource).toEqual({ type: "prometheus", uid: "prometheus" });
        for (const t of p.targets) for (const m of metricsOf(t.expr)) expect(MESH_METRICS).toContain(m);
      }
    }
  });

  it("the capacity policy counts the stack's pods: inflated Prometheus requests do not fit", async () => {
    const big = clonePlan(doc);
    (single(big, RELEASE, "observability-monitoring-stack").inputs as Any).values.prometheus.prometheusSpec.resources.requests = { cpu: "4", memory: "16Gi" };
    const { violations } = await runPolicy(awsEksNodeGroupCapacity, big.resources);
    expect(violations.some((v) => /^cluster-nodes-group: .*short by/.test(String(v)))).toBe(true);
    expect((await runPolicy(awsEksNodeGroupCapacity, doc.resources)).violations).toEqual([]);
  });
});

describe("the metrics stack's builders", () => {
  const values = monitoringValues({
    region: "us-east-1",
    scrapedNamespaces: ["a"],
    services: ["a"],
    prometheus: { retentionDays: 7, storageGiB: 20, replicas: 2, memory: "1Gi" },
    alertmanagerRoleArn: "arn:role",
    topicArn: "arn:topic",
  });

  it("models every pod of the chart for the capacity policy: operator, Prometheus and Alertmanager with reloaders, Grafana with two sidecars", () => {
    expect(CHART_MODELS["kube-prometheus-stack"](values, "monitoring")).toEqual([
      { requests: { cpu: 50, memory: 96 }, count: 1, perNode: false },
      { requests: { cpu: 160, memory: 1056 }, count: 2, perNode: false },
      { requests: { cpu: 30, memory: 80 }, count: 1, perNode: false },
      { requests: { cpu: 70, memory: 256 }, count: 1, perNode: false },
    ]);
    // The chart's defaults: node exporter per node and kube-state-metrics, when not turned off.
    expect(CHART_MODELS["kube-prometheus-stack"]({}, "x")).toEqual([
      { requests: { cpu: 0, memory: 0 }, count: 1, perNode: false },
      { requests: { cpu: 10, memory: 50 }, count: 1, perNode: false },
      { requests: { cpu: 10, memory: 50 }, count: 1, perNode: false },
      { requests: { cpu: 0, memory: 0 }, count: 1, perNode: false },
      { requests: { cpu: 0, memory: 0 }, count: 1, perNode: false },
      { requests: { cpu: 0, memory: 0 }, count: 1, perNode: true },
    ]);
  });

  it("derives the API server's ClusterIP from the service range", () => {
    expect([kubernetesApiCidr("172.20.0.0/16"), kubernetesApiCidr("10.100.0.0/16"), kubernetesApiCidr("192.168.255.0/24")]).toEqual(["172.20.0.1/32", "10.100.0.1/32", "192.168.255.1/32"]);
  });

  it("builds one services dashboard variable from the services, and the mesh dashboard from istiod's job", () => {
    const board = servicesDashboard(["a", "b"]);
    expect(board.templating.list[0]).toMatchObject({ name: "service", query: "a,b", includeAll: true, multi: true });
    expect(board.panels.flatMap((p) => p.targets.map((t) => t.expr)).every((e) => e.includes('destination_service_namespace=~"$service"'))).toBe(true);
    expect(meshDashboard().panels.filter((p) => p.targets.some((t) => t.expr.includes("pilot_"))).length).toBeGreaterThanOrEqual(4);
    expect(dashboards(["a"]).map((d) => d.configMap)).toEqual(["dashboard-services", "dashboard-mesh"]);
  });
});
