import { describe, expect, it } from "vitest";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { Namespace } from "kubernetes-models/v1";
import { ServiceEntry, Sidecar } from "@kubernetes-models/istio/networking.istio.io/v1";
import { AuthorizationPolicy } from "@kubernetes-models/istio/security.istio.io/v1";
import { awsEksNodeGroupCapacity } from "../../../policies/rules/aws/eks/aws-eks-nodegroup-capacity";
import { CHART_MODELS } from "../../../policies/lib/capacity";
import { kubernetesCoreServiceReferenceExists } from "../../../policies/rules/kubernetes/core/kubernetes-core-service-reference-exists";
import { kubernetesIstioIrsaAwsApisReachable } from "../../../policies/rules/kubernetes/istio/kubernetes-istio-irsa-aws-apis-reachable";
import { runPolicy } from "../../policies/fixtures";
import { clonePlan, loadPlan, ofType, single, STACKS } from "../../support/plans";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
/** The services in the settings' order. */
const SERVICES = ["user", "product", "order"];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Model = new (data?: any) => object;
const validate = (Kind: Model, data: unknown) => (new Kind(data) as { validate(): void }).validate();

describe.each(STACKS)("observability (%s)", (stack) => {
  const doc = loadPlan(stack);
  const inputs = (type: string, name: string) => single(doc, type, name).inputs as Any;

  it("creates exactly the namespace, its fences and mesh objects, two IRSA roles and two pinned releases", () => {
    // The metrics stack (observability-monitoring-*) is pinned in test/components/observability/monitoring.test.ts.
    const mine = doc.resources.filter((r) => r.name.startsWith("observability-") && !r.name.startsWith("observability-monitoring")).map((r) => `${r.type}::${r.name}`).sort();
    expect(mine).toEqual(
      [
        "aws:iam/role:Role::observability-collector-role",
        "aws:iam/role:Role::observability-log-shipper-role",
        `${ROLE_POLICY}::observability-collector-policy`,
        `${ROLE_POLICY}::observability-log-shipper-policy`,
        "kubernetes:core/v1:Namespace::observability-ns",
        `${RELEASE}::observability-collector`,
        `${RELEASE}::observability-log-shipper`,
        "kubernetes:networking.istio.io/v1:ServiceEntry::observability-serviceentry-aws-apis",
        "kubernetes:networking.istio.io/v1:Sidecar::observability-sidecar-default",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy::observability-allow-egress",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy::observability-allow-ingress",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy::observability-default-deny",
        "kubernetes:security.istio.io/v1:AuthorizationPolicy::observability-authorizationpolicy-allow-senders",
        "kubernetes:security.istio.io/v1:AuthorizationPolicy::observability-authorizationpolicy-deny-all",
      ].sort(),
    );
  });

  it("labels the namespace for injection and Pod Security restricted, and its objects pass the official schemas", () => {
    const ns = inputs("kubernetes:core/v1:Namespace", "observability-ns");
    expect(ns.metadata.name).toBe("observability");
    expect(ns.metadata.labels).toMatchObject({ "istio-injection": "enabled", "pod-security.kubernetes.io/enforce": "restricted" });
    validate(Namespace, ns);
    for (const r of ofType(doc, "kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((r) => r.name.startsWith("observability-"))) validate(NetworkPolicy, r.inputs);
    for (const r of ofType(doc, "kubernetes:security.istio.io/v1:AuthorizationPolicy").filter((r) => r.name.startsWith("observability-"))) validate(AuthorizationPolicy, r.inputs);
    validate(Sidecar, inputs("kubernetes:networking.istio.io/v1:Sidecar", "observability-sidecar-default"));
    validate(ServiceEntry, inputs("kubernetes:networking.istio.io/v1:ServiceEntry", "observability-serviceentry-aws-apis"));
  });

  it("fences the collector: deny all, OTLP 4317 in from the services and the gateway only, AWS endpoints out on 443", () => {
    expect(inputs("kubernetes:networking.k8s.io/v1:NetworkPolicy", "observability-default-deny").spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    const ingress = inputs("kubernetes:networking.k8s.io/v1:NetworkPolicy", "observability-allow-ingress").spec.ingress;
    expect(ingress[0].from.map((f: Any) => f.namespaceSelector.matchLabels["kubernetes.io/metadata.name"])).toEqual([...SERVICES, "istio-ingress"]);
    expect(ingress[0].ports).toEqual([{ protocol: "TCP", port: 4317 }]);
    const allow = inputs("kubernetes:security.istio.io/v1:AuthorizationPolicy", "observability-authorizationpolicy-allow-senders").spec;
    expect(allow.rules[0].from[0].source.principals).toEqual([
      ...SERVICES.map((s) => `cluster.local/ns/${s}/sa/${s}`),
      "cluster.local/ns/istio-ingress/sa/istio-ingressgateway",
    ]);
    expect(allow.rules[0].to).toEqual([{ operation: { ports: ["4317"] } }]);
    const sidecar = inputs("kubernetes:networking.istio.io/v1:Sidecar", "observability-sidecar-default").spec;
    expect(sidecar.outboundTrafficPolicy).toEqual({ mode: "REGISTRY_ONLY" });
    // STS and X-Ray for the collector, SNS for Alertmanager.
    expect(inputs("kubernetes:networking.istio.io/v1:ServiceEntry", "observability-serviceentry-aws-apis").spec.hosts).toEqual([
      "sts.us-east-1.amazonaws.com",
      "xray.us-east-1.amazonaws.com",
      "sns.us-east-1.amazonaws.com",
    ]);
    expect(single(doc, "aws:ec2/vpcEndpoint:VpcEndpoint", "network-endpoint-xray").inputs).toMatchObject({
      serviceName: "com.amazonaws.us-east-1.xray",
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
    });
  });

  it("X-Ray is reachable from the collector only with its ServiceEntry host and the xray interface endpoint", async () => {
    expect((await runPolicy(kubernetesIstioIrsaAwsApisReachable, doc.resources)).violations).toEqual([]);
    const noEndpoint = clonePlan(doc).resources.filter((r) => r.name !== "network-endpoint-xray");
    const natRouted = ofType(doc, "aws:ec2/route:Route").some((r) => String(r.inputs.natGatewayId ?? "") !== "");
    const viaNat = (await runPolicy(kubernetesIstioIrsaAwsApisReachable, noEndpoint)).violations;
    // With a NAT route the API is still routed; the mesh declaration is what the collector cannot do without.
    expect([natRouted, viaNat]).toEqual([true, []]);
    const undeclared = clonePlan(doc);
    const entry = single(undeclared, "kubernetes:networking.istio.io/v1:ServiceEntry", "observability-serviceentry-aws-apis").inputs as Any;
    entry.spec.hosts = ["sts.us-east-1.amazonaws.com", "sns.us-east-1.amazonaws.com"];
    const { violations } = await runPolicy(kubernetesIstioIrsaAwsApisReachable, undeclared.resources);
    expect(violations).toHaveLength(1);
    expect(String(violations[0])).toMatch(/^observability-collector-role: .*IRSA for observability\/otel-collector\) is granted xray:PutTraceSegments, but namespace 'observability' reaches no xray\.us-east-1\.amazonaws\.com through the mesh/);
  });

  it("runs the pinned contrib collector: 2 replicas, explicit requests, OTLP gRPC in, awsxray out, IRSA with X-Ray writes only", () => {
    const r = inputs(RELEASE, "observability-collector");
    expect([r.chart, r.version, r.namespace, r.name, r.repositoryOpts.repo]).toEqual([
      "opentelemetry-collector",
      "0.158.3",
      "observability",
      "otel-collector",
      "https://open-telemetry.github.io/opentelemetry-helm-charts",
    ]);
    const v = r.values;
    expect([v.mode, v.replicaCount, v.image]).toEqual(["deployment", 2, { repository: "otel/opentelemetry-collector-contrib", tag: "0.153.0" }]);
    expect(v.resources.requests).toEqual({ cpu: "100m", memory: "256Mi" });
    expect(v.config.service.pipelines.traces).toEqual({ receivers: ["otlp"], processors: ["memory_limiter", "batch"], exporters: ["awsxray"] });
    expect(v.config.exporters).toEqual({ debug: null, awsxray: { region: "us-east-1" } });
    expect(v.ports.otlp).toMatchObject({ enabled: true, containerPort: 4317, servicePort: 4317 });
    expect(v.serviceAccount.annotations["eks.amazonaws.com/role-arn"]).toContain("observability-collector-role");
    expect(v.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
    const policy = JSON.parse(inputs(ROLE_POLICY, "observability-collector-policy").policy);
    expect(policy.Statement).toEqual([
      {
        Sid: "XRayWrite",
        Effect: "Allow",
        Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"],
        Resource: "*",
      },
    ]);
    const trust = JSON.parse(inputs("aws:iam/role:Role", "observability-collector-role").assumeRolePolicy);
    expect(Object.values(trust.Statement[0].Condition.StringEquals)).toContain("system:serviceaccount:observability:otel-collector");
  });

  it("points the mesh at the collector's Service, which the release creates", async () => {
    const mesh = inputs(RELEASE, "mesh-istiod").values.meshConfig;
    expect(mesh.extensionProviders[0].opentelemetry).toEqual({ service: "otel-collector.observability.svc.cluster.local", port: 4317 });
    expect((await runPolicy(kubernetesCoreServiceReferenceExists, doc.resources)).violations).toEqual([]);
    // The Service is named after the release: another release name leaves the mesh and every Sidecar pointing nowhere.
    const renamed = clonePlan(doc);
    (single(renamed, RELEASE, "observability-collector").inputs as Any).name = "collector";
    const { violations } = await runPolicy(kubernetesCoreServiceReferenceExists, renamed.resources);
    expect(violations.map((v) => String(v).split(":")[0]).sort()).toEqual(["mesh-istiod", "order-pod-sidecar", "product-pod-sidecar", "user-pod-sidecar"]);
  });

  it("ships each service namespace's container logs to its own log group, with the three Logs calls on those groups only", () => {
    const r = inputs(RELEASE, "observability-log-shipper");
    expect([r.chart, r.version, r.namespace, r.repositoryOpts.repo]).toEqual(["fluent-bit", "0.58.1", "kube-system", "https://fluent.github.io/helm-charts"]);
    expect(r.values.kind).toBe("DaemonSet");
    expect(r.values.resources.requests).toEqual({ cpu: "25m", memory: "64Mi" });
    for (const s of SERVICES) {
      expect(r.values.config.inputs).toContain(`Path              /var/log/containers/*_${s}_*.log`);
      expect(r.values.config.outputs).toContain(`Match              svc.${s}.*\n    region             us-east-1\n    log_group_name     /aws/microservices/platform-${stack}/${s}\n`);
    }
    expect(r.values.config.outputs.match(/auto_create_group  Off/g)).toHaveLength(3);
    const policy = JSON.parse(inputs(ROLE_POLICY, "observability-log-shipper-policy").policy);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Action).toEqual(["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]);
    expect(policy.Statement[0].Resource).toEqual(
      SERVICES.flatMap((s) => {
        const arn = `arn:aws:logs:us-east-1:123456789012:log-group:/aws/microservices/platform-${stack}/${s}`;
        return [arn, `${arn}:log-stream:*`];
      }),
    );
    // CloudWatch Logs encrypts with the group's key itself: the shipper holds no KMS grant.
    expect(JSON.stringify(policy)).not.toContain("kms:");
    const trust = JSON.parse(inputs("aws:iam/role:Role", "observability-log-shipper-role").assumeRolePolicy);
    expect(Object.values(trust.Statement[0].Condition.StringEquals)).toContain("system:serviceaccount:kube-system:fluent-bit");
    for (const s of SERVICES) expect(single(doc, "aws:cloudwatch/logGroup:LogGroup", `${s}-pod-logs`).inputs.name).toBe(`/aws/microservices/platform-${stack}/${s}`);
  });

  it("the capacity policy models both charts: without their requests' figures the plan has more room", async () => {
    expect(Object.keys(CHART_MODELS)).toEqual(expect.arrayContaining(["opentelemetry-collector", "fluent-bit"]));
    expect(CHART_MODELS["opentelemetry-collector"]({ mode: "deployment", replicaCount: 2, resources: { requests: { cpu: "100m", memory: "256Mi" } } }, "x")).toEqual([
      { requests: { cpu: 100, memory: 256 }, count: 2, perNode: false },
    ]);
    expect(CHART_MODELS["fluent-bit"]({ resources: { requests: { cpu: "25m", memory: "64Mi" } } }, "x")).toEqual([{ requests: { cpu: 25, memory: 64 }, count: 1, perNode: true }]);
    // Inflating the collector's requests makes the plan not fit: the model is counted.
    const big = clonePlan(doc);
    (single(big, RELEASE, "observability-collector").inputs.values as Any).resources.requests = { cpu: "4", memory: "16Gi" };
    const { violations } = await runPolicy(awsEksNodeGroupCapacity, big.resources);
    expect(violations.some((v) => /^cluster-nodes-group: The plan requests .* short by/.test(String(v)))).toBe(true);
  });
});
