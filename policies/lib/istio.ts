import * as k8s from "@pulumi/kubernetes";
import type { PolicyResource } from "@pulumi/policy";
import { StackIndex } from "./stack";
import { known } from "./unknown";

/** The type tokens of an Istio kind in every API version it is served at. */
function tokens(group: "security" | "networking" | "install", kind: string, versions: readonly string[]): string[] {
  return versions.map((v) => `kubernetes:${group}.istio.io/${v}:${kind}`);
}

/** Istio CRDs appear in a plan as `CustomResource`s with these type tokens. */
export const ISTIO = {
  PeerAuthentication: tokens("security", "PeerAuthentication", ["v1", "v1beta1"]),
  AuthorizationPolicy: tokens("security", "AuthorizationPolicy", ["v1", "v1beta1"]),
  RequestAuthentication: tokens("security", "RequestAuthentication", ["v1", "v1beta1"]),
  DestinationRule: tokens("networking", "DestinationRule", ["v1", "v1beta1", "v1alpha3"]),
  Gateway: tokens("networking", "Gateway", ["v1", "v1beta1", "v1alpha3"]),
  Sidecar: tokens("networking", "Sidecar", ["v1", "v1beta1", "v1alpha3"]),
  ServiceEntry: tokens("networking", "ServiceEntry", ["v1", "v1beta1", "v1alpha3"]),
  EnvoyFilter: tokens("networking", "EnvoyFilter", ["v1alpha3"]),
  IstioOperator: tokens("install", "IstioOperator", ["v1alpha1"]),
} as const;

/** The Helm chart a release or chart resource installs, without its repository. */
export function chartName(r: PolicyResource): string {
  const chart = known(() => r.props.chart);
  return typeof chart === "string" ? (chart.split("/").pop() ?? chart) : "";
}

/** Helm releases and v4 charts of the stack. */
export function helmReleases(stack: StackIndex): PolicyResource[] {
  return stack.ofType(k8s.helm.v3.Release, k8s.helm.v4.Chart);
}

/** True when the stack installs or configures Istio: an Istio chart, CRD object or an injected namespace. */
export function hasMesh(stack: StackIndex): boolean {
  if (stack.resources.some((r) => r.type.includes(".istio.io/"))) return true;
  return helmReleases(stack).some((r) => chartName(r) === "istiod");
}

/** The Istio spec of a CRD resource (`spec`), or an empty object. */
export function specOf(r: PolicyResource): Record<string, any> {
  return (known(() => r.props.spec) as Record<string, any> | undefined) ?? {};
}

/** Where a mesh host appears: each kind reads `[namespace/]dnsName` differently. */
export type MeshHostContext = "ServiceEntry" | "Sidecar" | "Gateway";

/**
 * Why a host of a ServiceEntry, a Sidecar egress listener or a Gateway server is a
 * wildcard the platform does not allow, or `undefined`. The rule:
 * - a DNS name never has a wildcard label, at any level (`*`, `*.com`,
 *   `*.amazonaws.com`): every external host is named;
 * - the namespace part is never `*` (every namespace);
 * - in a Sidecar only, `./*` and `<namespace>/*` for a named namespace are allowed: they
 *   import the services of one in-mesh namespace (its Services, and ServiceEntries that
 *   are explicit and exported to that namespace only), and `~/*` imports nothing.
 */
export function meshHostWildcardProblem(host: string, context: MeshHostContext): string | undefined {
  const slash = context === "ServiceEntry" ? -1 : host.indexOf("/");
  const ns = slash >= 0 ? host.slice(0, slash) : undefined;
  const dns = slash >= 0 ? host.slice(slash + 1) : host;
  if (ns === "*") return `${host} selects every namespace`;
  if (dns === "*") {
    // `~/*` imports nothing at all, and `<namespace>/*` one namespace's services.
    if (context === "Sidecar" && ns !== undefined && ns !== "") return undefined;
    return `${host} matches every host`;
  }
  if (dns.split(".").some((label) => label.includes("*"))) return `${host} has a wildcard label and matches every host under it`;
  return undefined;
}
