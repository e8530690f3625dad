import { describe, expect, it } from "vitest";
import { loadPlan, ofType, single, STACKS } from "../support/plans";

describe.each(STACKS)("mesh (%s)", (stack) => {
  const doc = loadPlan(stack);
  const releases = Object.fromEntries(ofType(doc, "kubernetes:helm.sh/v3:Release").filter((r) => r.name.startsWith("mesh-")).map((r) => [r.name, r]));

  it("installs base, cni, istiod and the gateway from the Istio repository, all pinned to one version", () => {
    expect(Object.keys(releases).sort()).toEqual(["mesh-base", "mesh-cni", "mesh-gateway", "mesh-istiod"]);
    for (const r of Object.values(releases)) {
      expect(r.inputs).toMatchObject({ version: "1.27.3", repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" } });
    }
    expect(releases["mesh-istiod"].inputs.namespace).toBe("istio-system");
    expect(releases["mesh-gateway"].inputs).toMatchObject({ namespace: "istio-ingress", name: "istio-ingressgateway" });
  });

  it("configures REGISTRY_ONLY egress, path normalisation, tracing to the collector and the Istio CNI", () => {
    const values = releases["mesh-istiod"].inputs.values as Record<string, Record<string, unknown>>;
    expect(values.meshConfig.outboundTrafficPolicy).toEqual({ mode: "REGISTRY_ONLY" });
    expect(values.meshConfig.pathNormalization).toEqual({ normalization: "DECODE_AND_MERGE_SLASHES" });
    expect(values.meshConfig.enableTracing).toBe(true);
    expect(values.meshConfig.extensionProviders).toEqual([
      { name: "otel-tracing", opentelemetry: { service: "otel-collector.observability.svc.cluster.local", port: 4317 } },
    ]);
    expect(values.pilot).toMatchObject({ cni: { enabled: true }, replicaCount: 2 });
    const telemetry = single(doc, "kubernetes:telemetry.istio.io/v1:Telemetry", "mesh-telemetry");
    expect((telemetry.inputs.spec as { tracing: { randomSamplingPercentage: number }[] }).tracing[0].randomSamplingPercentage).toBe(stack === "prod" ? 10 : 100);
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
      hosts: [stack === "prod" ? "api.platform.internal" : "api.dev.platform.internal"],
      tls: { mode: "SIMPLE", credentialName: "ingress-gateway-tls", minProtocolVersion: "TLSV1_2" },
    });
    const cert = single(doc, "tls:index/locallySignedCert:LocallySignedCert", "mesh-gateway-tls-cert");
    expect(cert.inputs.caCertPem).toContain("mesh-ca-intermediate");
    const secret = single(doc, "kubernetes:core/v1:Secret", "mesh-gateway-tls");
    expect(secret.inputs).toMatchObject({ type: "kubernetes.io/tls", metadata: { namespace: "istio-ingress" }, stringData: "[secret]" });
  });

  it("has no Service of type LoadBalancer anywhere", () => {
    for (const s of ofType(doc, "kubernetes:core/v1:Service")) expect((s.inputs.spec as { type: string }).type).toBe("ClusterIP");
    for (const r of doc.resources.filter((x) => x.type.startsWith("kubernetes:"))) expect(JSON.stringify(r.inputs)).not.toContain("\"LoadBalancer\"");
  });
});
