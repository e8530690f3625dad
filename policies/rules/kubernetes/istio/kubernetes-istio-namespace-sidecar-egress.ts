import { ISTIO, meshHostWildcardProblem, specOf } from "../../../lib/istio";
import { NamespaceConfig, SYSTEM_NAMESPACES_SCHEMA, applicationNamespaces, inNamespace, namespaceName, namespaceOf } from "../../../lib/k8s";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";

/** Each application namespace limits the hosts its sidecars can reach. */
export const kubernetesIstioNamespaceSidecarEgress = stackPolicy(
  {
    name: "kubernetes-istio-namespace-sidecar-egress",
    description: "Every application namespace has an Istio Sidecar with egress hosts, and no Sidecar in any namespace has a wildcard egress host: never */... (every namespace) nor a wildcard DNS label (*.com, */*.amazonaws.com); ./* and <namespace>/* for a named namespace are allowed.",
    severity: "medium",
    remediationSteps: "Add a Sidecar in the namespace with egress.hosts listing ./*, istio-system/* and the namespaces and external hosts the service calls.",
    frameworks: ["IST egress"],
    seed: true,
    configSchema: { properties: SYSTEM_NAMESPACES_SCHEMA },
  },
  (stack, args) => {
    const namespaces = applicationNamespaces(stack, args.getConfig<NamespaceConfig>().systemNamespaces);
    if (namespaces.length === 0) args.notApplicable("The stack has no application namespace.");
    const sidecars = stack.ofType(...ISTIO.Sidecar);
    const missing = namespaces
      .filter((ns) => inNamespace(stack, namespaceName(ns), ...ISTIO.Sidecar).length === 0)
      .map((ns) => ({ urn: ns.urn, message: `${label(ns)} (${namespaceName(ns)}) has no Istio Sidecar limiting egress hosts.` }));
    const appNames = new Set(namespaces.map(namespaceName));
    const findings = sidecars.flatMap((s) => {
      const egress = (specOf(s).egress as { hosts?: string[] }[] | undefined) ?? [];
      if (egress.length === 0) return appNames.has(namespaceOf(s)) ? [{ urn: s.urn, message: `${label(s)} lists no egress hosts, so it does not limit egress.` }] : [];
      return egress.flatMap((e) => (e.hosts ?? []).flatMap((h) => {
        const problem = meshHostWildcardProblem(h, "Sidecar");
        return problem ? [{ urn: s.urn, message: `${label(s)} allows egress to a wildcard host: ${problem}.` }] : [];
      }));
    });
    return [...missing, ...findings];
  },
);
