import { describe, expect, it } from "vitest";
import { loadPlan, ofType, single, STACKS } from "../../support/plans";
import { component, under } from "../../support/resources";

const GATEWAY_POD_LABELS = { istio: "ingressgateway", app: "istio-ingressgateway" };
const ISSUER = "https://auth.company.com";
const API_PATHS = ["/orders", "/orders/*", "/products", "/products/*", "/users", "/users/*"];

describe.each(STACKS)("mesh (%s)", (stack) => {
  const doc = loadPlan(stack);
  const releases = Object.fromEntries(ofType(doc, "kubernetes:helm.sh/v3:Release").filter((r) => r.name.startsWith("mesh-")).map((r) => [r.name, r]));

  it("installs base, cni, istiod and the gateway from the Istio repository, all pinned to one version", () => {
    expect(Object.keys(releases).sort()).toEqual(["mesh-base", "mesh-cni", "mesh-gateway", "mesh-istiod"]);
    for (const r of Object.values(releases)) {
      expect(r.inputs).toMatchObject({ version: "1.31.0", repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" } });
    }
    expect(releases["mesh-istiod"].inputs.namespace).toBe("istio-system");
    expect(releases["mesh-gateway"].inputs).toMatchObject({ namespace: "istio-ingress", name: "istio-ingressgateway" });
  });

  it("configures REGISTRY_ONLY egress, path normalisation and the Istio CNI; traces to the stack's collector", () => {
    const values = releases["mesh-istiod"].inputs.values as Record<string, Record<string, unknown>>;
    expect(values.meshConfig.outboundTrafficPolicy).toEqual({ mode: "REGISTRY_ONLY" });
    expect(values.meshConfig.pathNormalization).toEqual({ normalization: "DECODE_AND_MERGE_SLASHES" });
    // No collector is configured: the mesh traces to the stack's own (Observability).
    expect(values.meshConfig.enableTracing).toBe(true);
    expect(values.meshConfig.extensionProviders).toEqual([
      { name: "otel-tracing", opentelemetry: { service: "otel-collector.observability.svc.cluster.local", port: 4317 } },
    ]);
    expect(values.pilot).toMatchObject({ cni: { enabled: true }, replicaCount: 2 });
    expect(doc.resources.filter((r) => r.type === "kubernetes:telemetry.istio.io/v1:Telemetry")).toHaveLength(1);
  });

  it("plugs in the CA: cacerts from the tls intermediate, secret, before istiod", () => {
    const cacerts = single(doc, "kubernetes:core/v1:Secret", "mesh-cacerts");
    expect(cacerts.inputs.metadata).toEqual({ name: "cacerts", namespace: "istio-system" });
    // The intermediate's key makes the whole map secret on the wire.
    expect(cacerts.inputs.stringData).toBe("[secret]");
    expect(releases["mesh-istiod"].options.dependsOn).toContain(cacerts.urn);
    expect(ofType(doc, "tls:index/selfSignedCert:SelfSignedCert").map((r) => r.inputs.isCaCertificate)).toEqual([true]);
    const intermediate = single(doc, "tls:index/locallySignedCert:LocallySignedCert", "mesh-ca-intermediate");
    expect(intermediate.inputs).toMatchObject({ isCaCertificate: true, caPrivateKeyPem: "[secret]" });
    expect(ofType(doc, "tls:index/privateKey:PrivateKey")).toHaveLength(3);
  });

  it("enforces STRICT mTLS mesh-wide from the root namespace, and nothing weaker anywhere", () => {
    const peers = ofType(doc, "kubernetes:security.istio.io/v1:PeerAuthentication");
    expect(peers).toHaveLength(1);
    expect(peers[0].inputs).toMatchObject({ metadata: { name: "default", namespace: "istio-system" }, spec: { mtls: { mode: "STRICT" } } });
    expect(JSON.stringify(doc.resources.map((r) => r.inputs))).not.toMatch(/PERMISSIVE|"DISABLE"/);
  });

  it("serves TLS on 443 from a ClusterIP gateway, with a certificate from the mesh intermediate and no * hosts", () => {
    const gatewayValues = releases["mesh-gateway"].inputs.values as Record<string, Record<string, unknown>>;
    expect(gatewayValues.service).toEqual({ type: "ClusterIP" });
    const gw = single(doc, "kubernetes:networking.istio.io/v1:Gateway", "mesh-gateway");
    const server = (gw.inputs.spec as { servers: Record<string, unknown>[] }).servers[0];
    expect(server).toEqual({
      port: { number: 443, name: "https", protocol: "HTTPS" },
      // The configured host, then the edge's public API name (the Host header the ALB forwards).
      hosts: stack === "prod" ? ["api.platform.internal", "api.example.com"] : ["api.dev.platform.internal", "api.dev.example.com"],
      tls: { mode: "SIMPLE", credentialName: "ingress-gateway-tls", minProtocolVersion: "TLSV1_2" },
    });
    const cert = single(doc, "tls:index/locallySignedCert:LocallySignedCert", "mesh-gateway-tls-cert");
    expect(cert.inputs.caCertPem).toContain("mesh-ca-intermediate");
    const secret = single(doc, "kubernetes:core/v1:Secret", "mesh-gateway-tls");
    expect(secret.inputs).toMatchObject({ type: "kubernetes.io/tls", metadata: { namespace: "istio-ingress" }, stringData: "[secret]" });
  });

  describe("API gateway layer on the ingress gateway", () => {
    const mesh = component(doc, "platform:mesh:Mesh", "mesh");
    const meshChildren = new Set(under(doc, mesh.urn).map((r) => r.urn));
    const gateway = single(doc, "kubernetes:networking.istio.io/v1:Gateway", "mesh-gateway");
    const ra = single(doc, "kubernetes:security.istio.io/v1:RequestAuthentication", "mesh-request-authentication");
    const requireJwt = single(doc, "kubernetes:security.istio.io/v1:AuthorizationPolicy", "mesh-authz-api-require-jwt");
    const denyAll = single(doc, "kubernetes:security.istio.io/v1:AuthorizationPolicy", "mesh-authz-deny-all");
    const filter = single(doc, "kubernetes:networking.istio.io/v1alpha3:EnvoyFilter", "mesh-rate-limit");
    const layer = [ra, requireJwt, denyAll, filter];

    it("is one RequestAuthentication, two AuthorizationPolicies and one EnvoyFilter, in the gateway's namespace, under the mesh, on the cluster's provider", () => {
      expect(ofType(doc, "kubernetes:security.istio.io/v1:RequestAuthentication")).toHaveLength(1);
      expect(ofType(doc, "kubernetes:networking.istio.io/v1alpha3:EnvoyFilter")).toHaveLength(1);
      expect(ofType(doc, "kubernetes:security.istio.io/v1:AuthorizationPolicy").filter((p) => (p.inputs.metadata as { namespace: string }).namespace === "istio-ingress")).toHaveLength(2);
      for (const r of layer) {
        expect(r.parent).toBe(mesh.urn);
        expect(meshChildren.has(r.urn)).toBe(true);
        expect(r.provider).toBe(gateway.provider);
        expect(r.provider).toMatch(/pulumi:providers:kubernetes::cluster-k8s/);
        expect((r.inputs.metadata as { namespace: string }).namespace).toBe("istio-ingress");
      }
      expect((ra.inputs.metadata as { name: string }).name).toBe("api-jwt");
      expect((requireJwt.inputs.metadata as { name: string }).name).toBe("api-require-jwt");
      expect((denyAll.inputs.metadata as { name: string }).name).toBe("deny-all");
      expect((filter.inputs.metadata as { name: string }).name).toBe("api-rate-limit");
    });

    it("selects exactly the gateway's pods, and is in place before the Gateway opens its listener", () => {
      const gatewaySelector = (gateway.inputs.spec as { selector: Record<string, string> }).selector;
      expect(gatewaySelector).toEqual({ istio: "ingressgateway" });
      const release = ofType(doc, "kubernetes:helm.sh/v3:Release").find((r) => r.name === "mesh-gateway")!;
      expect((release.inputs.values as { labels: Record<string, string> }).labels).toEqual(GATEWAY_POD_LABELS);
      expect((ra.inputs.spec as { selector: unknown }).selector).toEqual({ matchLabels: gatewaySelector });
      expect((requireJwt.inputs.spec as { selector: unknown }).selector).toEqual({ matchLabels: gatewaySelector });
      expect((filter.inputs.spec as { workloadSelector: unknown }).workloadSelector).toEqual({ labels: gatewaySelector });
      for (const r of layer) expect(gateway.options.dependsOn).toContain(r.urn);
    });

    it("validates JWTs from the stack's issuer (seed 004), without forwarding the token", () => {
      expect((ra.inputs.spec as { jwtRules: unknown }).jwtRules).toEqual([
        {
          issuer: ISSUER,
          jwksUri: "https://auth.company.com/.well-known/jwks.json",
          audiences: ["api.company.com"],
          forwardOriginalToken: false,
          outputPayloadToHeader: "x-jwt-payload",
        },
      ]);
    });

    it("admits the API routes only with a request principal of the issuer, positive matches only, behind the namespace's default deny", () => {
      expect(requireJwt.inputs.spec).toEqual({
        selector: { matchLabels: { istio: "ingressgateway" } },
        action: "ALLOW",
        rules: [{ from: [{ source: { requestPrincipals: [`${ISSUER}/*`] } }], to: [{ operation: { paths: API_PATHS } }] }],
      });
      expect(JSON.stringify(requireJwt.inputs.spec)).not.toMatch(/"not[A-Z]/);
      expect(denyAll.inputs.spec).toEqual({});
      // Every route a VirtualService sends through the gateway is among the guarded paths.
      for (const vs of ofType(doc, "kubernetes:networking.istio.io/v1:VirtualService")) {
        for (const m of (vs.inputs.spec as { http: { match: { uri: { exact?: string; prefix?: string } }[] }[] }).http[0].match) {
          expect(API_PATHS).toContain(m.uri.exact ?? `${m.uri.prefix}*`);
        }
      }
    });

    it("rate-limits with Envoy's local_ratelimit: a bucket of 200 tokens refilled by 100 every second, enforced for all, 429 when empty", () => {
      const patches = (filter.inputs.spec as { configPatches: Record<string, any>[] }).configPatches; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(patches).toHaveLength(1);
      expect(patches[0].applyTo).toBe("HTTP_FILTER");
      expect(patches[0].match).toEqual({ context: "GATEWAY", listener: { filterChain: { filter: { name: "envoy.filters.network.http_connection_manager" } } } });
      expect(patches[0].patch.operation).toBe("INSERT_FIRST");
      const value = patches[0].patch.value;
      expect(value.name).toBe("envoy.filters.http.local_ratelimit");
      const config = value.typed_config;
      expect(config["@type"]).toBe("type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit");
      expect(config.token_bucket).toEqual({ max_tokens: 200, tokens_per_fill: 100, fill_interval: "1s" });
      const everyone = { numerator: 100, denominator: "HUNDRED" };
      expect(config.filter_enabled).toEqual({ runtime_key: "local_rate_limit_enabled", default_value: everyone });
      expect(config.filter_enforced).toEqual({ runtime_key: "local_rate_limit_enforced", default_value: everyone });
      expect(config.status).toEqual({ code: "TooManyRequests" });
    });
  });

  it("has no Service of type LoadBalancer anywhere", () => {
    for (const s of ofType(doc, "kubernetes:core/v1:Service")) expect((s.inputs.spec as { type: string }).type).toBe("ClusterIP");
    for (const r of doc.resources.filter((x) => x.type.startsWith("kubernetes:"))) expect(JSON.stringify(r.inputs)).not.toContain("\"LoadBalancer\"");
  });
});
