/**
 * The Istio objects of one microservice (AuthorizationPolicies, DestinationRule,
 * Sidecar, ServiceEntries, VirtualService), as pure functions of the same
 * {@link ServiceSpec} as its Kubernetes objects (./manifests.ts).
 */
import { MESH } from "../mesh/values";
import { ServiceSpec, awsApiHosts, clusterHostNamespace, hasSecrets, serviceHost } from "./manifests";

/** The Istio objects of the service, keyed by role: `{ apiVersion, kind, name, spec }`. */
export interface IstioObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly spec: Record<string, unknown>;
}

/** The namespace's default deny, and an ALLOW for the gateway and the declared callers' mesh identities on the service port. */
export function authorizationPolicies(spec: ServiceSpec): IstioObject[] {
  return [
    // An empty spec allows nothing: the namespace's default deny.
    { apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy", name: "deny-all", spec: {} },
    {
      apiVersion: "security.istio.io/v1",
      kind: "AuthorizationPolicy",
      name: "allow-callers",
      spec: {
        selector: { matchLabels: { app: spec.name } },
        action: "ALLOW",
        rules: [
          {
            from: [{ source: { principals: [spec.mesh.gatewayPrincipal, ...spec.callers.map((c) => `${MESH.trustDomain}/ns/${c}/sa/${c}`)] } }],
            to: [{ operation: { ports: [String(spec.settings.port)] } }],
          },
        ],
      },
    },
  ];
}

/** Traffic to the service: Istio mutual TLS, connection-pool limits and outlier ejection. */
export function destinationRule(spec: ServiceSpec): IstioObject {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    name: spec.name,
    spec: {
      host: serviceHost(spec.name),
      trafficPolicy: {
        tls: { mode: "ISTIO_MUTUAL" },
        connectionPool: {
          tcp: { maxConnections: 100, connectTimeout: "5s" },
          http: { http1MaxPendingRequests: 100, http2MaxRequests: 1000, maxRequestsPerConnection: 100, maxRetries: 3, idleTimeout: "60s" },
        },
        outlierDetection: { consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 50 },
      },
    },
  };
}

/** The namespace's Sidecar: egress to its own namespace, istio-system, its callees, the tracing collector, the AWS APIs and the declared external hosts only (REGISTRY_ONLY). */
export function sidecar(spec: ServiceSpec): IstioObject {
  const tracing = spec.mesh.tracing;
  const tracingNs = tracing && clusterHostNamespace(tracing.host);
  const hosts = [
    "./*",
    `${MESH.namespace}/*`,
    ...spec.callees.map((c) => `${c.name}/*`),
    ...(tracing && tracingNs ? [`${tracingNs}/${tracing.host}`] : []),
    ...awsApiHosts(spec.region, hasSecrets(spec)).map((h) => `./${h}`),
    ...spec.settings.egressHosts.map((h) => `./${h}`),
  ];
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "Sidecar",
    name: "default",
    spec: { egress: [{ hosts: [...new Set(hosts)] }], outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } },
  };
}

/** The AWS APIs (TLS on 443, through the interface endpoints), one ServiceEntry per external host (TLS on 443) and per data endpoint of the binding. */
export function serviceEntries(spec: ServiceSpec): IstioObject[] {
  const aws = {
    apiVersion: "networking.istio.io/v1",
    kind: "ServiceEntry",
    name: "aws-apis",
    spec: { hosts: awsApiHosts(spec.region, hasSecrets(spec)), location: "MESH_EXTERNAL", resolution: "DNS", ports: [{ number: 443, name: "tls", protocol: "TLS" }], exportTo: ["."] },
  };
  const external = spec.settings.egressHosts.map((host, i) => ({
    apiVersion: "networking.istio.io/v1",
    kind: "ServiceEntry",
    name: `egress-${i}-${host.replace(/\./g, "-")}`.slice(0, 63).replace(/-+$/, ""),
    spec: { hosts: [host], location: "MESH_EXTERNAL", resolution: "DNS", ports: [{ number: 443, name: "tls", protocol: "TLS" }], exportTo: ["."] },
  }));
  const data = (spec.data?.endpoints ?? []).map((e) => ({
    apiVersion: "networking.istio.io/v1",
    kind: "ServiceEntry",
    name: `data-${e.name}`,
    spec: {
      hosts: e.hosts,
      location: "MESH_EXTERNAL",
      resolution: "DNS",
      ports: [{ number: e.port, name: `${e.protocol.toLowerCase()}-${e.port}`, protocol: e.protocol }],
      exportTo: ["."],
    },
  }));
  return [aws, ...external, ...data];
}

/** The route from the ingress gateway: the path prefix to the service port, with a timeout and retries on connection failures. */
export function virtualService(spec: ServiceSpec): IstioObject {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    name: `${spec.name}-ingress`,
    spec: {
      hosts: [...spec.mesh.ingressHosts],
      gateways: [spec.mesh.gatewayRef],
      http: [
        {
          name: spec.name,
          match: [{ uri: { exact: spec.pathPrefix } }, { uri: { prefix: `${spec.pathPrefix}/` } }],
          route: [{ destination: { host: serviceHost(spec.name), port: { number: spec.settings.port } } }],
          timeout: "30s",
          retries: { attempts: 2, perTryTimeout: "10s", retryOn: "connect-failure,refused-stream,unavailable,503" },
        },
      ],
    },
  };
}
