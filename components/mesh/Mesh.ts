import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { API_GATEWAY, JwtIssuer, RateLimit, gatewayAuthorizationPolicies, istioObject, rateLimitFilter, requestAuthentication } from "./apiGateway";
import { cacertsData, createGatewayCertificate, createMeshCa } from "./ca";
import { ISTIO_REPO, MESH, cniValues, gatewayValues, istiodValues, principal } from "./values";

export interface MeshArgs {
  /** The Istio release; the `base`, `cni`, `istiod` and `gateway` charts are pinned to it. */
  readonly istioVersion: string;
  /**
   * The OTLP collector traces go to, and the share of requests traced (0-100).
   * @default - no tracing: no provider in the mesh config and no Telemetry.
   */
  readonly tracing?: { readonly host: string; readonly port: number; readonly samplingPercent: number };
  /** The DNS names the ingress gateway serves (no `*`). */
  readonly ingressHosts: readonly string[];
  /** The organisation named in the CA certificates, e.g. `platform-prod`. */
  readonly organization: string;
  /** The identity provider whose JWTs the gateway validates (the team's IdP). */
  readonly jwt: JwtIssuer;
  /**
   * The API routes' path prefixes (the services' `pathPrefix`es, e.g. `/users`): the
   * gateway admits requests to them, and only with a valid token.
   */
  readonly apiPathPrefixes: readonly string[];
  /** The gateway's local rate limit, per gateway pod (settings: `mesh.rateLimit`). */
  readonly rateLimit: RateLimit;
  /**
   * istiod replicas.
   * @default - 2: one can restart while the other serves.
   */
  readonly istiodReplicas?: number;
  /**
   * How long Helm waits for each release, in seconds.
   * @default - 600.
   */
  readonly timeoutSeconds?: number;
}


/** The gateway's HTTPS port: the Service port and (unprivileged ports start at 0) the container port. */
const GATEWAY_HTTPS_PORT = 443;

/**
 * Istio by Helm (base, CNI, istiod, gateway; one pinned version) with a plugged-in CA
 * from `@pulumi/tls`, REGISTRY_ONLY egress, tracing when a collector is set, a mesh-wide STRICT
 * `PeerAuthentication`, and a ClusterIP ingress gateway with a TLS `Gateway` behind
 * the API gateway layer: JWT validation (`RequestAuthentication`), a valid token required
 * on the API routes (`AuthorizationPolicy`, with the namespace's default deny) and a
 * local rate limit (`EnvoyFilter`).
 *
 * Providers: `kubernetes` and `tls` through `opts.providers`.
 */
export class Mesh extends pulumi.ComponentResource {
  /** The mesh's root namespace. */
  public readonly namespace: string;
  /** The ingress gateway's namespace. */
  public readonly gatewayNamespace: string;
  /** `<namespace>/<name>` of the TLS `Gateway`, as VirtualServices bind it. */
  public readonly gatewayRef: string;
  /** The pod labels of the ingress gateway. */
  public readonly gatewaySelector: Readonly<Record<string, string>>;
  /** The gateway's mTLS principal, for AuthorizationPolicies. */
  public readonly gatewayPrincipal: string;
  /** The gateway's ClusterIP Service, e.g. for the edge's target group. */
  public readonly gatewayServiceName: string;
  /** The hosts the gateway serves. */
  public readonly ingressHosts: readonly string[];
  /**
   * What the edge's load balancer reaches: the gateway's namespace, Service and pod
   * labels, its HTTPS container port (TLS with the gateway certificate) and the status
   * port's readiness path, which answers without a token.
   */
  public readonly edgeGateway: {
    readonly namespace: string;
    readonly serviceName: string;
    readonly selector: Readonly<Record<string, string>>;
    readonly ports: { readonly https: number; readonly health: number };
    readonly healthPath: string;
  };
  /** The mesh root certificate (public). */
  public readonly rootCertPem: pulumi.Output<string>;

  constructor(name: string, args: MeshArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:mesh:Mesh", name, {}, opts);
    const child = { parent: this };
    const timeout = args.timeoutSeconds ?? 600;

    const systemNs = new k8s.core.v1.Namespace(`${name}-system-ns`, { metadata: { name: MESH.namespace } }, child);
    const gatewayNs = new k8s.core.v1.Namespace(
      `${name}-ingress-ns`,
      {
        metadata: {
          name: MESH.gatewayNamespace,
          labels: {
            "istio-injection": "enabled",
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/enforce-version": "latest",
          },
        },
      },
      child,
    );

    // The CA: the intermediate goes into `cacerts` before istiod starts.
    const ca = createMeshCa(`${name}-ca`, { organization: args.organization, trustDomain: MESH.trustDomain }, child);
    const cacerts = new k8s.core.v1.Secret(
      `${name}-cacerts`,
      { metadata: { name: "cacerts", namespace: MESH.namespace }, type: "Opaque", stringData: cacertsData(ca) },
      { parent: this, dependsOn: [systemNs] },
    );

    const release = (role: string, chart: string, namespace: string, values: Record<string, unknown>, dependsOn: pulumi.Resource[]) =>
      new k8s.helm.v3.Release(
        `${name}-${role}`,
        {
          name: role === "gateway" ? MESH.gatewayRelease : `istio-${role}`,
          chart,
          version: args.istioVersion,
          repositoryOpts: { repo: ISTIO_REPO },
          namespace,
          values,
          atomic: true,
          cleanupOnFail: true,
          timeout,
        },
        { parent: this, dependsOn },
      );
    const base = release("base", "base", MESH.namespace, { defaultRevision: "default" }, [systemNs]);
    const cni = release("cni", "cni", MESH.namespace, cniValues(), [base]);
    const istiod = release(
      "istiod",
      "istiod",
      MESH.namespace,
      istiodValues({ tracing: args.tracing, replicas: args.istiodReplicas ?? 2 }),
      [base, cni, cacerts],
    );
    const gateway = release("gateway", "gateway", MESH.gatewayNamespace, gatewayValues(), [istiod, gatewayNs]);

    const custom = (role: string, obj: ReturnType<typeof istioObject>, dependsOn: pulumi.Resource[]) =>
      new k8s.apiextensions.CustomResource(`${name}-${role}`, obj, { parent: this, dependsOn });

    // mTLS everywhere: STRICT in the root namespace applies mesh-wide.
    custom("peer-authentication", istioObject("security.istio.io/v1", "PeerAuthentication", "default", MESH.namespace, { mtls: { mode: "STRICT" } }), [istiod]);
    // Tracing for every workload, sampled per stack, when there is a collector.
    if (args.tracing) {
      custom(
        "telemetry",
        istioObject("telemetry.istio.io/v1", "Telemetry", "mesh-default", MESH.namespace, {
          tracing: [{ providers: [{ name: MESH.tracingProvider }], randomSamplingPercentage: args.tracing.samplingPercent }],
        }),
        [istiod],
      );
    }

    // The ingress gateway's TLS: a certificate from the mesh intermediate, as a TLS secret.
    const cert = createGatewayCertificate(`${name}-gateway-tls`, { hosts: args.ingressHosts, ca, organization: args.organization }, child);
    const tlsSecret = new k8s.core.v1.Secret(
      `${name}-gateway-tls`,
      {
        metadata: { name: MESH.gatewayTlsSecret, namespace: MESH.gatewayNamespace },
        type: "kubernetes.io/tls",
        stringData: { "tls.crt": pulumi.secret(cert.certPem), "tls.key": cert.keyPem },
      },
      { parent: this, dependsOn: [gatewayNs] },
    );
    // The API gateway layer, in place before the Gateway opens a listener.
    const target = { namespace: MESH.gatewayNamespace, selector: MESH.gatewaySelector };
    const apiLayer = [
      custom("request-authentication", requestAuthentication(target, args.jwt), [istiod, gatewayNs]),
      ...gatewayAuthorizationPolicies(target, args.jwt, args.apiPathPrefixes).map((obj) => custom(`authz-${obj.metadata.name}`, obj, [istiod, gatewayNs])),
      custom("rate-limit", rateLimitFilter(target, args.rateLimit), [istiod, gatewayNs]),
    ];
    custom(
      "gateway",
      istioObject("networking.istio.io/v1", "Gateway", MESH.gatewayName, MESH.gatewayNamespace, {
        selector: { ...MESH.gatewaySelector },
        servers: [
          {
            port: { number: GATEWAY_HTTPS_PORT, name: "https", protocol: "HTTPS" },
            hosts: [...args.ingressHosts],
            tls: { mode: "SIMPLE", credentialName: MESH.gatewayTlsSecret, minProtocolVersion: "TLSV1_2" },
          },
        ],
      }),
      [gateway, tlsSecret, ...apiLayer],
    );

    this.namespace = MESH.namespace;
    this.gatewayNamespace = MESH.gatewayNamespace;
    this.gatewayRef = `${MESH.gatewayNamespace}/${MESH.gatewayName}`;
    this.gatewaySelector = { ...MESH.gatewaySelector };
    this.gatewayPrincipal = principal(MESH.gatewayNamespace, MESH.gatewayRelease);
    this.gatewayServiceName = MESH.gatewayRelease;
    this.ingressHosts = args.ingressHosts;
    this.edgeGateway = {
      namespace: MESH.gatewayNamespace,
      serviceName: MESH.gatewayRelease,
      selector: { ...MESH.gatewaySelector },
      ports: { https: GATEWAY_HTTPS_PORT, health: API_GATEWAY.healthCheck.port },
      healthPath: API_GATEWAY.healthCheck.path,
    };
    this.rootCertPem = ca.rootCertPem;
    this.registerOutputs({ gatewayRef: this.gatewayRef, gatewayPrincipal: this.gatewayPrincipal, rootCertPem: this.rootCertPem });
  }
}
