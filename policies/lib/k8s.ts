import * as k8s from "@pulumi/kubernetes";
import type { PolicyResource } from "@pulumi/policy";
import { StackIndex } from "./stack";
import { TypeRef, tokenOf } from "./tokens";
import { known } from "./unknown";

/** Kubernetes object metadata, as far as the policies read it. */
export interface ObjectMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/** A label selector: `matchLabels` and `matchExpressions`. */
export interface LabelSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** The metadata of a Kubernetes resource's inputs. */
export function metadataOf(r: PolicyResource): ObjectMeta {
  return (known(() => r.props.metadata) as ObjectMeta | undefined) ?? {};
}

/** The namespace a namespaced object lives in (`default` when unset, as the API server does). */
export function namespaceOf(r: PolicyResource): string {
  return metadataOf(r).namespace ?? "default";
}

/** Per stack, per list of types: their resources by namespace, in stack order. */
const byNamespace = new WeakMap<StackIndex, Map<string, Map<string, PolicyResource[]>>>();

/**
 * The stack's resources of these types in namespace `namespace`, in stack order: what
 * `stack.ofType(...types).filter((r) => namespaceOf(r) === namespace)` gives, from an index
 * built once per stack and list of types (a check that looks a namespace up for each of
 * its objects stays linear in the stack's size).
 */
export function inNamespace(stack: StackIndex, namespace: string, ...types: TypeRef[]): PolicyResource[] {
  let perTypes = byNamespace.get(stack);
  if (!perTypes) byNamespace.set(stack, (perTypes = new Map()));
  const key = types.map(tokenOf).join(" ");
  let index = perTypes.get(key);
  if (!index) {
    index = new Map();
    for (const r of stack.ofType(...types)) {
      const ns = namespaceOf(r);
      const list = index.get(ns);
      if (list) list.push(r);
      else index.set(ns, [r]);
    }
    perTypes.set(key, index);
  }
  return [...(index.get(namespace) ?? [])];
}

/** The name of a `Namespace` resource: `metadata.name`, else its logical name. */
export function namespaceName(ns: PolicyResource): string {
  return metadataOf(ns).name ?? ns.name;
}

/** The object's `metadata.name`, else its logical name (Pulumi auto-names from it). */
export function objectName(r: PolicyResource): string {
  return metadataOf(r).name ?? r.name;
}

/**
 * Why a namespace's labels do not get its pods Istio sidecars, or `undefined` when they
 * do. `istio-injection` wins over `istio.io/rev` (as Istio's webhooks read them):
 * `disabled` turns injection off whatever the revision says; `enabled` injects with the
 * default revision; otherwise `istio.io/rev` names the revision. When `revisions` (the
 * revisions the stack's istiod releases serve, `default` for one without a revision) is
 * given, the label must name one of them.
 */
export function injectionProblem(labels: Record<string, string> | undefined, revisions?: readonly string[]): string | undefined {
  const injection = labels?.["istio-injection"];
  const rev = labels?.["istio.io/rev"] ?? "";
  if (injection === "disabled") return "is labelled istio-injection=disabled";
  if (injection === "enabled") return revisions && !revisions.includes("default") ? `is labelled istio-injection=enabled, but no istiod serves the default revision (revisions: ${revisions.join(", ")}); label it istio.io/rev` : undefined;
  if (injection !== undefined) return `has istio-injection=${injection}, which is neither enabled nor disabled`;
  if (rev === "") return "is not labelled for Istio sidecar injection (istio-injection=enabled or istio.io/rev)";
  return revisions && !revisions.includes(rev) ? `is labelled istio.io/rev=${rev}, a revision no istiod serves (revisions: ${revisions.join(", ")})` : undefined;
}

/** True when a namespace's labels enable Istio sidecar injection (`istio-injection=enabled` or a revision, not disabled). */
export function injectionEnabled(labels: Record<string, string> | undefined): boolean {
  return injectionProblem(labels) === undefined;
}

/** The platform's own namespaces, which are not application namespaces. */
const SYSTEM_NAMESPACES = [
  "kube-system",
  "kube-public",
  "kube-node-lease",
  "istio-system",
  "istio-ingress",
  "cert-manager",
  "monitoring",
  "observability",
  "logging",
  "amazon-cloudwatch",
];

/** The config schema of the policies that tell application namespaces from system ones. */
export const SYSTEM_NAMESPACES_SCHEMA = {
  systemNamespaces: { type: "array" as const, items: { type: "string" as const }, default: SYSTEM_NAMESPACES },
};

/** The config those policies read. */
export interface NamespaceConfig {
  /** Namespaces of the platform itself (ingress gateway, istiod, kube-system...). */
  readonly systemNamespaces: string[];
}

/**
 * The application namespaces: the `Namespace` resources labelled for Istio injection,
 * other than the platform's system namespaces (e.g. the ingress gateway's, which is
 * injected too). These are the namespaces the default-deny and per-namespace mesh
 * policies apply to.
 */
export function applicationNamespaces(stack: StackIndex, systemNamespaces: readonly string[]): PolicyResource[] {
  return stack.ofType(k8s.core.v1.Namespace).filter((ns) => injectionEnabled(metadataOf(ns).labels) && !systemNamespaces.includes(namespaceName(ns)));
}

/** True when `selector` selects an object with `labels`. An empty selector selects everything. */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => have[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e) => {
    switch (e.operator) {
      case "In":
        return e.key in have && (e.values ?? []).includes(have[e.key]);
      case "NotIn":
        return !(e.key in have) || !(e.values ?? []).includes(have[e.key]);
      case "Exists":
        return e.key in have;
      case "DoesNotExist":
        return !(e.key in have);
      default:
        return false;
    }
  });
  return byLabels && byExpressions;
}

/** True for a selector with no labels and no expressions: it selects every pod. */
export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return !!selector && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}
