/**
 * The API gateway layer on the Istio ingress gateway (platform.md, "Edge / public tier";
 * seed 004): JWT authentication, a request principal required on the API routes, and a
 * local rate limit. Pure builders of the Istio objects, testable without a cluster;
 * `Mesh` registers them.
 */

/** A namespaced Istio object: `apiVersion`, `kind`, name, namespace and spec. */
export interface MeshObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: Record<string, unknown>;
}

/** A custom resource of the mesh: `apiVersion`, `kind`, name, namespace and spec. */
export function istioObject(apiVersion: string, kind: string, name: string, namespace: string, spec: Record<string, unknown>): MeshObject {
  return { apiVersion, kind, metadata: { name, namespace }, spec };
}

/** The identity provider whose tokens the gateway accepts. */
export interface JwtIssuer {
  /** The tokens' `iss`, e.g. `https://auth.company.com`. */
  readonly issuer: string;
  /** Where istiod fetches the signing keys, e.g. `https://auth.company.com/.well-known/jwks.json`. */
  readonly jwksUri: string;
  /** The `aud` values accepted; a token must carry one of them. */
  readonly audiences: readonly string[];
}

/** The gateway's token bucket, per gateway pod. */
export interface RateLimit {
  /** Tokens added every second. */
  readonly requestsPerSecond: number;
  /** The bucket's size: the most requests admitted at once after a quiet spell. */
  readonly burst: number;
}

/** Where the gateway layer's objects go and which pods they select. */
export interface GatewayTarget {
  /** The ingress gateway's namespace. */
  readonly namespace: string;
  /** The ingress gateway's pod labels. */
  readonly selector: Readonly<Record<string, string>>;
}

/** Names of the objects and of what the gateway hands the services. */
export const API_GATEWAY = {
  requestAuthentication: "api-jwt",
  requireJwt: "api-require-jwt",
  denyAll: "deny-all",
  rateLimit: "api-rate-limit",
  /** The verified token's payload (base64 JSON) as the services receive it; the token itself is not forwarded. */
  payloadHeader: "x-jwt-payload",
  rateLimitStatPrefix: "http_local_rate_limiter",
  /**
   * The gateway's health endpoint: the status port's static listener, outside the
   * HTTP filter chain these objects patch, so probes and the edge's target-group
   * health checks need no token and are never rate-limited.
   */
  healthCheck: { port: 15021, path: "/healthz/ready" },
} as const;

/**
 * The paths of the API routes, as AuthorizationPolicies match them: each prefix exactly
 * and everything under it (`/users`, `/users/*`), the same routes the VirtualServices
 * send to the services. Sorted and without duplicates.
 */
function apiPaths(prefixes: readonly string[]): string[] {
  return [...new Set(prefixes)].sort().flatMap((p) => [p, `${p}/*`]);
}

/** The `RequestAuthentication` on the gateway's pods: tokens from the issuer are validated; a bad token is rejected (401). */
export function requestAuthentication(target: GatewayTarget, jwt: JwtIssuer): MeshObject {
  return istioObject("security.istio.io/v1", "RequestAuthentication", API_GATEWAY.requestAuthentication, target.namespace, {
    selector: { matchLabels: { ...target.selector } },
    jwtRules: [
      {
        issuer: jwt.issuer,
        jwksUri: jwt.jwksUri,
        audiences: [...jwt.audiences],
        forwardOriginalToken: false,
        outputPayloadToHeader: API_GATEWAY.payloadHeader,
      },
    ],
  });
}

/**
 * The gateway's AuthorizationPolicies. A `RequestAuthentication` alone lets requests
 * without a token through, so:
 * - `deny-all` (empty spec) is the namespace's default deny, as in every service
 *   namespace: with nothing else, the gateway admits nothing;
 * - `api-require-jwt` ALLOWs the API routes only for a request principal of the issuer
 *   (a valid token). Positive matches only; anything else gets 403.
 */
export function gatewayAuthorizationPolicies(target: GatewayTarget, jwt: JwtIssuer, pathPrefixes: readonly string[]): MeshObject[] {
  if (pathPrefixes.length === 0) throw new Error("the API gateway needs at least one route prefix to allow");
  return [
    istioObject("security.istio.io/v1", "AuthorizationPolicy", API_GATEWAY.denyAll, target.namespace, {}),
    istioObject("security.istio.io/v1", "AuthorizationPolicy", API_GATEWAY.requireJwt, target.namespace, {
      selector: { matchLabels: { ...target.selector } },
      action: "ALLOW",
      rules: [{ from: [{ source: { requestPrincipals: [`${jwt.issuer}/*`] } }], to: [{ operation: { paths: apiPaths(pathPrefixes) } }] }],
    }),
  ];
}

/**
 * Envoy's `local_ratelimit` HTTP filter on the gateway's pods: a token bucket of `burst`
 * tokens refilled with `requestsPerSecond` tokens every second, enabled and enforced for
 * every request; a request finding the bucket empty gets 429. Inserted first in the
 * HTTP filter chain, so a flood is turned away before tokens are verified.
 */
export function rateLimitFilter(target: GatewayTarget, limit: RateLimit): MeshObject {
  const all = (runtimeKey: string) => ({ runtime_key: runtimeKey, default_value: { numerator: 100, denominator: "HUNDRED" } });
  return istioObject("networking.istio.io/v1alpha3", "EnvoyFilter", API_GATEWAY.rateLimit, target.namespace, {
    workloadSelector: { labels: { ...target.selector } },
    configPatches: [
      {
        applyTo: "HTTP_FILTER",
        match: { context: "GATEWAY", listener: { filterChain: { filter: { name: "envoy.filters.network.http_connection_manager" } } } },
        patch: {
          operation: "INSERT_FIRST",
          value: {
            name: "envoy.filters.http.local_ratelimit",
            typed_config: {
              "@type": "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
              stat_prefix: API_GATEWAY.rateLimitStatPrefix,
              token_bucket: { max_tokens: limit.burst, tokens_per_fill: limit.requestsPerSecond, fill_interval: "1s" },
              filter_enabled: all("local_rate_limit_enabled"),
              filter_enforced: all("local_rate_limit_enforced"),
              status: { code: "TooManyRequests" },
              enable_x_ratelimit_headers: "DRAFT_VERSION_03",
              response_headers_to_add: [{ append_action: "OVERWRITE_IF_EXISTS_OR_ADD", header: { key: "x-local-rate-limit", value: "true" } }],
            },
          },
        },
      },
    ],
  });
}
