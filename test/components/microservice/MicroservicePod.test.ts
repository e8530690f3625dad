import { describe, expect, it } from "vitest";
import type { PlanDocument, PlanResource } from "../../../tools/plan/types";
import { loadPlan, ofType, single, STACKS } from "../../support/plans";
import { component, selects, under } from "../../support/resources";

const SERVICES = ["order", "product", "user"];
const CALLERS: Record<string, string[]> = { user: ["order"], product: ["order"], order: [] };
const PREFIX: Record<string, string> = { user: "/users", product: "/products", order: "/orders" };
const GATEWAY_PRINCIPAL = "cluster.local/ns/istio-ingress/sa/istio-ingressgateway";

/** Objects that exist only when the data tier's binding asks for them. */
const BINDING_KINDS = [
  "kubernetes:core/v1:ConfigMap",
  "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass",
  "kubernetes:core/v1:PersistentVolume",
  "kubernetes:core/v1:PersistentVolumeClaim",
];
const ENTRY = "kubernetes:networking.istio.io/v1:ServiceEntry";
const kinds = (rs: PlanResource[]) => rs.filter((r) => r.custom).map((r) => r.type).sort();
const spec = (r: PlanResource) => r.inputs.spec as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function objectsOf(doc: PlanDocument, service: string): PlanResource[] {
  return under(doc, component(doc, "platform:microservice:MicroservicePod", `${service}-pod`).urn);
}

describe.each(STACKS)("microservices (%s)", (stack) => {
  const doc = loadPlan(stack);

  it("declares the three seed services, each with an identity and a pod component", () => {
    expect(ofType(doc, "platform:microservice:MicroservicePod").map((r) => r.name).sort()).toEqual(SERVICES.map((s) => `${s}-pod`));
    expect(ofType(doc, "platform:microservice:ServiceIdentity").map((r) => r.name).sort()).toEqual(SERVICES.map((s) => `${s}-identity`));
  });

  describe.each(SERVICES)("%s", (service) => {
    const objects = objectsOf(doc, service);
    const one = (type: string, name?: string) => {
      const found = objects.filter((r) => r.type === type && (name === undefined || r.name === name));
      expect(found, `${type} ${name ?? ""}`).toHaveLength(1);
      return found[0];
    };

    it("creates exactly the objects platform.md lists, plus only the data binding's mounts and endpoints", () => {
      // The AWS APIs (STS) for every service, plus order's declared external host.
      const egressEntries = service === "order" ? [ENTRY, ENTRY] : [ENTRY];
      const own = objects.filter((r) => r.custom && !BINDING_KINDS.includes(r.type) && !(r.type === ENTRY && r.name.startsWith(`${service}-pod-data-`)));
      expect(kinds(own)).toEqual(
        [
          "aws:cloudwatch/logGroup:LogGroup",
          "kubernetes:apps/v1:Deployment",
          "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
          "kubernetes:core/v1:LimitRange",
          "kubernetes:core/v1:Namespace",
          "kubernetes:core/v1:ResourceQuota",
          "kubernetes:core/v1:Service",
          "kubernetes:core/v1:ServiceAccount",
          "kubernetes:networking.istio.io/v1:DestinationRule",
          "kubernetes:networking.istio.io/v1:Sidecar",
          "kubernetes:networking.istio.io/v1:VirtualService",
          ...egressEntries,
          "kubernetes:networking.k8s.io/v1:NetworkPolicy",
          "kubernetes:networking.k8s.io/v1:NetworkPolicy",
          "kubernetes:networking.k8s.io/v1:NetworkPolicy",
          "kubernetes:policy/v1:PodDisruptionBudget",
          "kubernetes:security.istio.io/v1:AuthorizationPolicy",
          "kubernetes:security.istio.io/v1:AuthorizationPolicy",
        ].sort(),
      );
      for (const r of objects.filter((o) => o.type.startsWith("kubernetes:") && !["kubernetes:core/v1:Namespace", "kubernetes:core/v1:PersistentVolume"].includes(o.type))) {
        expect((r.inputs.metadata as { namespace: string }).namespace).toBe(service);
      }
    });

    it("mounts exactly what its data binding provides, as files", () => {
      const pod = spec(one("kubernetes:apps/v1:Deployment")).template.spec;
      const volumes = Object.fromEntries((pod.volumes as { name: string }[]).map((v) => [v.name, v]));
      const mounts = Object.fromEntries((pod.containers[0].volumeMounts as { name: string; mountPath: string; readOnly?: boolean }[]).map((m) => [m.name, m]));
      expect(volumes.tmp).toEqual({ name: "tmp", emptyDir: { sizeLimit: "64Mi" } });
      const has = (type: string) => objects.some((r) => r.type === type);
      expect("data-config" in volumes).toBe(has("kubernetes:core/v1:ConfigMap"));
      if (volumes["data-config"]) expect(mounts["data-config"]).toEqual({ name: "data-config", mountPath: "/etc/platform/data", readOnly: true });
      expect("secrets" in volumes).toBe(has("kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass"));
      if (volumes.secrets) {
        expect(volumes.secrets).toEqual({ name: "secrets", csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: `${service}-secrets` } } });
        const provider = spec(one("kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass"));
        expect(provider.provider).toBe("aws");
        for (const o of JSON.parse(provider.parameters.objects)) expect(o.objectType).toBe("secretsmanager");
      }
      expect("shared" in volumes).toBe(has("kubernetes:core/v1:PersistentVolumeClaim"));
      if (volumes.shared) {
        const pv = spec(one("kubernetes:core/v1:PersistentVolume"));
        const readOnly = (volumes.shared as unknown as { persistentVolumeClaim: { readOnly: boolean } }).persistentVolumeClaim.readOnly;
        expect(pv.csi).toMatchObject({ driver: "efs.csi.aws.com", readOnly });
        expect(pv.csi.volumeHandle).toMatch(/^.+::.+$/);
        expect(pv.accessModes).toEqual([readOnly ? "ReadOnlyMany" : "ReadWriteMany"]);
        // The file system's policy admits IAM-authorised mounts only, over TLS.
        expect(pv.mountOptions).toEqual(["tls", "iam"]);
        expect(mounts.shared).toEqual({ name: "shared", mountPath: "/mnt/shared", readOnly });
      }
      for (const entry of objects.filter((r) => r.type === ENTRY && r.name.startsWith(`${service}-pod-data-`))) {
        expect(spec(entry)).toMatchObject({ location: "MESH_EXTERNAL", resolution: "DNS", exportTo: ["."] });
      }
    });

    it("labels its namespace for injection and Pod Security restricted, with a quota that forbids LoadBalancers", () => {
      expect((one("kubernetes:core/v1:Namespace").inputs.metadata as { labels: Record<string, string> }).labels).toMatchObject({
        "istio-injection": "enabled",
        "pod-security.kubernetes.io/enforce": "restricted",
      });
      expect(spec(one("kubernetes:core/v1:ResourceQuota")).hard).toMatchObject({ "services.loadbalancers": "0", "services.nodeports": "0", pods: "8" });
      expect(spec(one("kubernetes:core/v1:LimitRange")).limits[0].type).toBe("Container");
    });

    it("runs as its own IRSA role, trusted by exactly its service account", () => {
      const sa = one("kubernetes:core/v1:ServiceAccount");
      expect(sa.inputs.automountServiceAccountToken).toBe(false);
      const roleArn = (sa.inputs.metadata as { annotations: Record<string, string> }).annotations["eks.amazonaws.com/role-arn"];
      expect(roleArn).toMatch(new RegExp(`:role/${service}-identity-role$`));
      const role = single(doc, "aws:iam/role:Role", `${service}-identity-role`);
      const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
      expect(trust.Statement).toHaveLength(1);
      expect(trust.Statement[0]).toMatchObject({ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity" });
      expect(trust.Statement[0].Principal.Federated).toMatch(/:oidc-provider\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/CLUSTER-EKS$/);
      expect(trust.Statement[0].Condition).toEqual({
        StringEquals: {
          "oidc.eks.us-east-1.amazonaws.com/id/CLUSTER-EKS:sub": `system:serviceaccount:${service}:${service}`,
          "oidc.eks.us-east-1.amazonaws.com/id/CLUSTER-EKS:aud": "sts.amazonaws.com",
        },
      });
    });

    it("deploys a restricted, probed, zone-spread Deployment without replicas, secrets never in env", () => {
      const d = spec(one("kubernetes:apps/v1:Deployment"));
      expect(d.replicas).toBeUndefined();
      const pod = d.template.spec;
      expect(pod).toMatchObject({
        serviceAccountName: service,
        automountServiceAccountToken: false,
        terminationGracePeriodSeconds: 45,
        securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
      });
      expect(pod.topologySpreadConstraints[0]).toMatchObject({ topologyKey: "topology.kubernetes.io/zone", maxSkew: 1 });
      expect(pod.containers).toHaveLength(1);
      const c = pod.containers[0];
      expect(c.image).toBe(`ghcr.io/platform-team/${service}-service:1.4.0`);
      expect(c.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
      });
      expect(c.resources).toEqual({
        requests: { cpu: "250m", memory: service === "order" ? "512Mi" : "256Mi" },
        limits: { memory: service === "order" ? "512Mi" : "256Mi" },
      });
      expect(c.readinessProbe.httpGet).toEqual({ path: "/ready", port: "http" });
      expect(c.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
      expect(c.lifecycle).toEqual({ preStop: { sleep: { seconds: 10 } } });
      expect(c.env).toEqual([{ name: "PORT", value: "8080" }, { name: "LOG_LEVEL", value: "info" }]);
      expect(pod.volumes[0]).toEqual({ name: "tmp", emptyDir: { sizeLimit: "64Mi" } });
      expect(JSON.stringify(c.env)).not.toMatch(/arn:aws:secretsmanager|PASSWORD|SECRET/);
    });

    it("is selected by a PDB, an HPA (70 % CPU, min >= 2) and an allow NetworkPolicy, behind a ClusterIP Service", () => {
      const deployment = one("kubernetes:apps/v1:Deployment");
      const labels = spec(deployment).template.metadata.labels as Record<string, string>;
      expect(selects(spec(one("kubernetes:policy/v1:PodDisruptionBudget")).selector, labels)).toBe(true);
      expect(spec(one("kubernetes:policy/v1:PodDisruptionBudget")).minAvailable).toBe(1);
      const hpa = spec(one("kubernetes:autoscaling/v2:HorizontalPodAutoscaler"));
      expect(hpa.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: service });
      expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa).toMatchObject({ minReplicas: 2, maxReplicas: 6 });
      expect(hpa.metrics[0].resource).toEqual({ name: "cpu", target: { type: "Utilization", averageUtilization: 70 } });
      const allows = objects.filter((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy" && r.name !== `${service}-pod-default-deny`);
      expect(allows.every((p) => selects(spec(p).podSelector, labels))).toBe(true);
      expect(spec(one("kubernetes:core/v1:Service"))).toMatchObject({ type: "ClusterIP", selector: { app: service }, ports: [{ port: 8080, targetPort: "http" }] });
    });

    it("denies all traffic by default, then admits the gateway and its callers and lets out DNS, istiod, callees and the data subnets", () => {
      const deny = spec(one("kubernetes:networking.k8s.io/v1:NetworkPolicy", `${service}-pod-default-deny`));
      expect(deny).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
      const ingress = spec(one("kubernetes:networking.k8s.io/v1:NetworkPolicy", `${service}-pod-allow-ingress`)).ingress;
      expect(ingress[0].from.map((f: { namespaceSelector: { matchLabels: Record<string, string> } }) => f.namespaceSelector.matchLabels["kubernetes.io/metadata.name"])).toEqual([
        "istio-ingress",
        ...CALLERS[service],
      ]);
      expect(ingress[0].ports).toEqual([{ protocol: "TCP", port: 8080 }]);
      const egress = spec(one("kubernetes:networking.k8s.io/v1:NetworkPolicy", `${service}-pod-allow-egress`)).egress;
      const targets = JSON.stringify(egress);
      expect(targets).toContain('"k8s-app":"kube-dns"');
      expect(targets).toContain('"app":"istiod"');
      for (const cidr of ["10.0.192.0/21", "10.0.200.0/21", "10.0.208.0/21"]) expect(targets).toContain(cidr);
      const callees = service === "order" ? ["product", "user"] : [];
      for (const callee of callees) expect(targets).toContain(`"kubernetes.io/metadata.name":"${callee}"`);
      // External hosts are reached at the blocks they resolve to (egressCidrs), never 0.0.0.0/0.
      expect(targets).not.toContain("0.0.0.0/0");
      expect(egress.filter((r: { to?: { ipBlock?: { cidr: string } }[] }) => r.to?.some((t) => t.ipBlock?.cidr === "203.0.113.0/24"))).toEqual(
        service === "order" ? [{ to: [{ ipBlock: { cidr: "203.0.113.0/24" } }], ports: [{ protocol: "TCP", port: 443 }] }] : [],
      );
    });

    it("has a namespace default-deny AuthorizationPolicy and an ALLOW for the gateway and its callers' principals", () => {
      expect(spec(one("kubernetes:security.istio.io/v1:AuthorizationPolicy", `${service}-pod-authz-deny-all`))).toEqual({});
      const allow = spec(one("kubernetes:security.istio.io/v1:AuthorizationPolicy", `${service}-pod-authz-allow-callers`));
      expect(allow.action).toBe("ALLOW");
      expect(allow.rules[0].from[0].source.principals).toEqual([GATEWAY_PRINCIPAL, ...CALLERS[service].map((c) => `cluster.local/ns/${c}/sa/${c}`)]);
      expect(allow.rules[0].to).toEqual([{ operation: { ports: ["8080"] } }]);
    });

    it("uses ISTIO_MUTUAL with outlier detection and pool limits, a Sidecar limiting egress, and a VirtualService on its prefix", () => {
      const dr = spec(one("kubernetes:networking.istio.io/v1:DestinationRule"));
      expect(dr.host).toBe(`${service}.${service}.svc.cluster.local`);
      expect(dr.trafficPolicy.tls).toEqual({ mode: "ISTIO_MUTUAL" });
      expect(dr.trafficPolicy.outlierDetection).toMatchObject({ consecutive5xxErrors: 5 });
      expect(dr.trafficPolicy.connectionPool.tcp.maxConnections).toBe(100);
      const hosts = spec(one("kubernetes:networking.istio.io/v1:Sidecar")).egress[0].hosts;
      const expected = ["./*", "istio-system/*"];
      if (service === "order") expected.push("product/*", "user/*");
      // The mesh traces to the stack's collector by default.
      expected.push("observability/otel-collector.observability.svc.cluster.local");
      expected.push("./sts.us-east-1.amazonaws.com");
      // user and product read the Redis AUTH secret, so their role reaches Secrets Manager.
      if (service !== "order") expected.push("./secretsmanager.us-east-1.amazonaws.com");
      if (service === "order") expected.push("./api.stripe.com");
      expect(hosts).toEqual(expected);
      const vs = spec(one("kubernetes:networking.istio.io/v1:VirtualService"));
      expect(vs.gateways).toEqual(["istio-ingress/ingress-gateway"]);
      expect(vs.http[0].match).toEqual([{ uri: { exact: PREFIX[service] } }, { uri: { prefix: `${PREFIX[service]}/` } }]);
      expect(vs.http[0].route[0].destination).toEqual({ host: `${service}.${service}.svc.cluster.local`, port: { number: 8080 } });
      if (service === "order") {
        expect(spec(one(ENTRY, "order-pod-egress-0-api-stripe-com"))).toEqual({
          hosts: ["api.stripe.com"],
          location: "MESH_EXTERNAL",
          resolution: "DNS",
          ports: [{ number: 443, name: "tls", protocol: "TLS" }],
          exportTo: ["."],
        });
      }
    });

    it("reaches the regional STS endpoint for its IRSA credentials: SDK pinned to it, declared to the mesh, allowed on 443 to the endpoint subnets", () => {
      const annotations = (one("kubernetes:core/v1:ServiceAccount").inputs.metadata as { annotations: Record<string, string> }).annotations;
      expect(annotations["eks.amazonaws.com/sts-regional-endpoints"]).toBe("true");
      expect(spec(one(ENTRY, `${service}-pod-aws-apis`))).toEqual({
        hosts: ["sts.us-east-1.amazonaws.com", ...(service !== "order" ? ["secretsmanager.us-east-1.amazonaws.com"] : [])],
        location: "MESH_EXTERNAL",
        resolution: "DNS",
        ports: [{ number: 443, name: "tls", protocol: "TLS" }],
        exportTo: ["."],
      });
      // The Sidecar admits the entry's host explicitly, besides the namespace's own entries.
      expect(spec(one("kubernetes:networking.istio.io/v1:Sidecar")).egress[0].hosts).toContain("./sts.us-east-1.amazonaws.com");
      // The STS interface endpoint's addresses are in the application subnets.
      const egress = spec(one("kubernetes:networking.k8s.io/v1:NetworkPolicy", `${service}-pod-allow-egress`)).egress as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(egress).toContainEqual({
        to: ["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"].map((cidr) => ({ ipBlock: { cidr } })),
        ports: [{ protocol: "TCP", port: 443 }],
      });
      const sts = single(doc, "aws:ec2/vpcEndpoint:VpcEndpoint", "network-endpoint-sts");
      expect(sts.inputs).toMatchObject({
        serviceName: "com.amazonaws.us-east-1.sts",
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: ["a", "b", "c"].map((az) => `network-application-${az}-id`),
      });
    });

    it("has its own KMS-encrypted log group with the stack's retention, named with the stack's prefix (dev and prod may share an account)", () => {
      expect(one("aws:cloudwatch/logGroup:LogGroup").inputs).toMatchObject({
        name: `/aws/microservices/platform-${stack}/${service}`,
        retentionInDays: stack === "prod" ? 365 : 30,
        kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/cluster-logs-key",
      });
    });
  });

  it("gives the data tier the node security group per service (t3 has no pod ENIs)", () => {
    const services = doc.outputs.services as Record<string, { securityGroupId: string; roleArn: string; namespace: string }>;
    expect(Object.keys(services).sort()).toEqual(SERVICES);
    for (const s of SERVICES) expect(services[s]).toMatchObject({ namespace: s, securityGroupId: "sg-cluster-eks-cluster" });
    expect(ofType(doc, "kubernetes:vpcresources.k8s.aws/v1beta1:SecurityGroupPolicy")).toHaveLength(0);
  });
});
