import { describe, expect, it } from "vitest";
import { authorizationPolicies, destinationRule, serviceEntries, sidecar, virtualService } from "../../../components/microservice/istio";
import type { ServiceSpec } from "../../../components/microservice/manifests";
import { SERVICE_DEFAULTS, merge } from "../../../stacks/profiles";
import { serviceSchema } from "../../../stacks/services";

/** The Istio builders (components/microservice/istio.ts) on one service, without a cluster. */
const spec = (over: Partial<ServiceSpec> = {}): ServiceSpec => ({
  name: "order",
  settings: serviceSchema.parse(merge(SERVICE_DEFAULTS.prod, { image: "r/order:1", port: 8080, cpu: "500m", memory: "1Gi", replicas: { min: 2, max: 10 }, egressHosts: ["api.stripe.com"] })),
  pathPrefix: "/orders",
  roleArn: "arn:aws:iam::111122223333:role/order",
  callers: ["user"],
  callees: [{ name: "product", port: 8080 }],
  mesh: {
    gatewayRef: "istio-ingress/api-gateway",
    gatewayNamespace: "istio-ingress",
    gatewaySelector: { istio: "ingressgateway" },
    gatewayPrincipal: "cluster.local/ns/istio-ingress/sa/istio-ingressgateway",
    ingressHosts: ["api.example.com"],
    tracing: { host: "otel-collector.observability.svc.cluster.local", port: 4317 },
  },
  dataCidrs: ["10.0.64.0/20"],
  applicationCidrs: ["10.0.32.0/20"],
  region: "eu-west-1",
  ...over,
});

describe("the Istio objects of a service", () => {
  it("deny everything by default and allow the gateway and the declared callers on the service port only", () => {
    const [deny, allow] = authorizationPolicies(spec());
    expect(deny).toEqual({ apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy", name: "deny-all", spec: {} });
    expect(allow.spec).toEqual({
      selector: { matchLabels: { app: "order" } },
      action: "ALLOW",
      rules: [{ from: [{ source: { principals: ["cluster.local/ns/istio-ingress/sa/istio-ingressgateway", "cluster.local/ns/user/sa/user"] } }], to: [{ operation: { ports: ["8080"] } }] }],
    });
  });

  it("speak mutual TLS to the service, with outlier ejection", () => {
    const rule = destinationRule(spec());
    expect(rule).toMatchObject({ kind: "DestinationRule", name: "order", spec: { host: "order.order.svc.cluster.local", trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } } } });
  });

  it("let the sidecar reach its namespace, istio-system, its callees, the collector, STS and its external hosts only", () => {
    expect(sidecar(spec()).spec).toEqual({
      egress: [{ hosts: ["./*", "istio-system/*", "product/*", "observability/otel-collector.observability.svc.cluster.local", "./sts.eu-west-1.amazonaws.com", "./api.stripe.com"] }],
      outboundTrafficPolicy: { mode: "REGISTRY_ONLY" },
    });
  });

  it("declare the AWS APIs, each external host and each data endpoint to the mesh", () => {
    const entries = serviceEntries(spec({ data: { config: {}, secretArns: ["arn:secret"], endpoints: [{ name: "postgres", hosts: ["db.example"], port: 5432, protocol: "TCP" }] } }));
    expect(entries.map((e) => e.name)).toEqual(["aws-apis", "egress-0-api-stripe-com", "data-postgres"]);
    // A binding with secrets makes the pods read Secrets Manager: its API is declared too.
    expect(entries[0].spec.hosts).toEqual(["sts.eu-west-1.amazonaws.com", "secretsmanager.eu-west-1.amazonaws.com"]);
    expect(entries[2].spec.ports).toEqual([{ number: 5432, name: "tcp-5432", protocol: "TCP" }]);
  });

  it("route the path prefix from the gateway to the service port", () => {
    const vs = virtualService(spec());
    expect(vs).toMatchObject({ kind: "VirtualService", name: "order-ingress", spec: { hosts: ["api.example.com"], gateways: ["istio-ingress/api-gateway"] } });
    expect((vs.spec.http as { match: unknown }[])[0].match).toEqual([{ uri: { exact: "/orders" } }, { uri: { prefix: "/orders/" } }]);
  });
});
