import type { PolicyResource } from "@pulumi/policy";
import { metadataOf, namespaceOf, objectName } from "../../../lib/k8s";
import { StackFinding, stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

const SERVICE = "kubernetes:core/v1:Service";
const RELEASE = "kubernetes:helm.sh/v3:Release";

/**
 * An in-cluster host `<service>.<namespace>.svc[.cluster.local]` inside a string (a
 * Sidecar's `ns/host`, a `host:port`, a URL), not followed by more DNS labels.
 */
const CLUSTER_HOST = /(?<![a-z0-9.-])([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)\.([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)\.svc(?:\.cluster\.local)?(?![-a-z0-9]|\.[a-z0-9])/g;

/**
 * The Services a Helm chart creates that are not named after its release. A chart not
 * listed creates (at least) a Service named after the release, as most charts do.
 */
const CHART_SERVICES: Readonly<Record<string, readonly string[]>> = {
  istiod: ["istiod"],
};

/**
 * Charts whose Services are named from their values: kube-prometheus-stack names them
 * after `fullnameOverride` (else the release): `-prometheus`, `-alertmanager`,
 * `-operator`, the operator's `prometheus-operated` and `alertmanager-operated`, and its
 * Grafana after `grafana.fullnameOverride` (else `<release>-grafana`).
 */
const CHART_VALUE_SERVICES: Readonly<Record<string, (release: string, values: unknown) => string[]>> = {
  "kube-prometheus-stack": (release, values) => {
    const v = (values ?? {}) as { fullnameOverride?: unknown; grafana?: { fullnameOverride?: unknown; enabled?: unknown } };
    const full = typeof v.fullnameOverride === "string" && v.fullnameOverride !== "" ? v.fullnameOverride : release;
    const grafana = typeof v.grafana?.fullnameOverride === "string" && v.grafana.fullnameOverride !== "" ? v.grafana.fullnameOverride : `${release}-grafana`;
    return [`${full}-prometheus`, `${full}-alertmanager`, `${full}-operator`, "prometheus-operated", "alertmanager-operated", ...(v.grafana?.enabled === false ? [] : [grafana])];
  },
};

/** Services every cluster has: the API server's. */
const BUILT_IN_SERVICES: readonly string[] = ["default/kubernetes"];

/** `namespace/name` of every Service the plan creates, its own or its charts'. */
function services(resources: readonly PolicyResource[]): Set<string> {
  const out = new Set<string>(BUILT_IN_SERVICES);
  for (const r of resources) {
    if (r.type === SERVICE) out.add(`${namespaceOf(r)}/${objectName(r)}`);
    if (r.type === RELEASE) {
      const ns = (known(() => r.props.namespace) as string | undefined) ?? "default";
      const release = (known(() => r.props.name) as string | undefined) ?? r.name;
      const chart = known(() => r.props.chart) as string | undefined;
      const fromValues = chart && CHART_VALUE_SERVICES[chart] ? CHART_VALUE_SERVICES[chart](release, known(() => r.props.values)) : [];
      for (const svc of [release, ...(chart ? (CHART_SERVICES[chart] ?? []) : []), ...fromValues]) out.add(`${ns}/${svc}`);
    }
  }
  return out;
}

/** Every in-cluster host named in a value, with where (`spec.egress[0].hosts[2]`); unknown parts are skipped. */
function hostsIn(value: unknown, at: string, found: Map<string, string>): void {
  const v = known(() => value);
  if (typeof v === "string") {
    for (const m of v.matchAll(CLUSTER_HOST)) if (!found.has(m[0])) found.set(m[0], at || "(value)");
  } else if (Array.isArray(v)) {
    v.forEach((item, i) => hostsIn(known(() => item), `${at}[${i}]`, found));
  } else if (v && typeof v === "object") {
    for (const key of Object.keys(v)) hostsIn(known(() => (v as Record<string, unknown>)[key]), at ? `${at}.${key}` : key, found);
  }
}

/** Every in-cluster host the Kubernetes objects and charts name is a Service of the plan. */
export const kubernetesCoreServiceReferenceExists = stackPolicy(
  {
    name: "kubernetes-core-service-reference-exists",
    description:
      "Every in-cluster host (<service>.<namespace>.svc[.cluster.local]) that a Kubernetes object or a Helm release's values name, such as a mesh's tracing collector, a Sidecar's egress host, a DestinationRule host or a service's environment, is a Service the stack creates in that namespace (its own, or one its Helm charts create), so nothing points at a host that will not resolve.",
    severity: "high",
    remediationSteps:
      "Create the Service in that namespace (or the chart that creates it), or stop naming the host: e.g. leave platform:mesh.tracingCollector unset until a collector is deployed.",
    frameworks: ["platform"],
  },
  (stack, args) => {
    const k8sResources = stack.resources.filter((r) => r.type.startsWith("kubernetes:"));
    if (k8sResources.length === 0) args.notApplicable("The stack has no Kubernetes objects.");
    const existing = services(k8sResources);
    return k8sResources.flatMap((r): StackFinding[] => {
      const found = new Map<string, string>();
      hostsIn(r.props, "", found);
      return [...found.entries()].flatMap(([host, at]): StackFinding[] => {
        const [svc, ns] = host.split(".");
        if (existing.has(`${ns}/${svc}`)) return [];
        const where = metadataOf(r).namespace ? ` in namespace '${metadataOf(r).namespace}'` : "";
        return [{ urn: r.urn, message: `${label(r)}${where} names in-cluster host ${host} (at ${at}), but the stack has no Service '${svc}' in namespace '${ns}'.` }];
      });
    });
  },
);
