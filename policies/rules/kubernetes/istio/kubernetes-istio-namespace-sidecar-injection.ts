import * as k8s from "@pulumi/kubernetes";
import { NamespaceConfig, SYSTEM_NAMESPACES_SCHEMA, injectionProblem, metadataOf, namespaceName, namespaceOf } from "../../../lib/k8s";
import { ISTIO, chartName, hasMesh, helmReleases, specOf } from "../../../lib/istio";
import { stackPolicy } from "../../../lib/resource";
import { StackIndex, label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** The namespace a Helm release installs into. */
const releaseNamespace = (r: { props: Record<string, any> }) => (known(() => r.props.namespace) as string | undefined) ?? "default";

/**
 * System namespaces that still run mesh workloads: an Istio Gateway or an Istio `gateway`
 * chart lives there, or a Sidecar, RequestAuthentication or workload-selecting
 * AuthorizationPolicy configures proxies there.
 */
function meshWorkloadNamespaces(stack: StackIndex): Set<string> {
  const configured = [...ISTIO.Gateway, ...ISTIO.Sidecar, ...ISTIO.RequestAuthentication, ...ISTIO.AuthorizationPolicy].flatMap((t) => stack.ofType(t));
  return new Set([
    ...configured.filter((r) => !ISTIO.AuthorizationPolicy.includes(r.type as never) || specOf(r).selector !== undefined).map(namespaceOf),
    ...helmReleases(stack).filter((r) => chartName(r) === "gateway").map(releaseNamespace),
  ]);
}

/** The revisions the stack's istiod releases serve (`default` for one with no revision); `undefined` when the stack installs no istiod. */
function servedRevisions(stack: StackIndex): string[] | undefined {
  const istiods = helmReleases(stack).filter((r) => chartName(r) === "istiod");
  if (istiods.length === 0) return undefined;
  return istiods.map((r) => String((known(() => r.props.values?.revision) as string | undefined) || "default"));
}

/** Every namespace that runs mesh workloads gets Istio sidecars, the gateway's included. */
export const kubernetesIstioNamespaceSidecarInjection = stackPolicy(
  {
    name: "kubernetes-istio-namespace-sidecar-injection",
    description:
      "In a stack with Istio, every namespace that runs mesh workloads (any namespace other than the configured system namespaces, and a system namespace that holds a gateway or proxy configuration, such as the ingress gateway's) is labelled for sidecar injection: istio-injection=enabled, or istio.io/rev naming a revision an istiod of the stack serves, never istio-injection=disabled.",
    severity: "high",
    remediationSteps: "Label the namespace istio-injection: enabled (or istio.io/rev: <revision> when istiod runs a revision), or add it to systemNamespaces in the pack config if it really runs no mesh workload.",
    frameworks: ["IST", "KYV add-istio-sidecar-injection"],
    seed: true,
    configSchema: { properties: SYSTEM_NAMESPACES_SCHEMA },
  },
  (stack, args) => {
    if (!hasMesh(stack)) args.notApplicable("The stack does not install Istio.");
    const { systemNamespaces } = args.getConfig<NamespaceConfig>();
    const meshSystem = meshWorkloadNamespaces(stack);
    const revisions = servedRevisions(stack);
    return stack
      .ofType(k8s.core.v1.Namespace)
      .filter((ns) => !systemNamespaces.includes(namespaceName(ns)) || meshSystem.has(namespaceName(ns)))
      .flatMap((ns) => {
        const problem = injectionProblem(metadataOf(ns).labels, revisions);
        return problem ? [{ urn: ns.urn, message: `${label(ns)} (${namespaceName(ns)}) runs mesh workloads but ${problem}.` }] : [];
      });
  },
);
