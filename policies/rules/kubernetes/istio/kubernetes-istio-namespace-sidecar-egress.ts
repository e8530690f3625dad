import { ISTIO, specOf } from "../../../lib/istio";
import { NamespaceConfig, SYSTEM_NAMESPACES_SCHEMA, applicationNamespaces, namespaceName, namespaceOf } from "../../../lib/k8s";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";

/** Each application namespace limits the hosts its sidecars can reach. */
export const kubernetesIstioNamespaceSidecarEgress = stackPolicy(
  {
    name: "kubernetes-istio-namespace-sidecar-egress",
    description: "Every application namespace has an Istio Sidecar resource whose egress hosts are listed explicitly, never */* (every host of every namespace).",
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
    return namespaces.flatMap((ns) => {
      const own = sidecars.filter((s) => namespaceOf(s) === namespaceName(ns));
      if (own.length === 0) return [{ urn: ns.urn, message: `${label(ns)} (${namespaceName(ns)}) has no Istio Sidecar limiting egress hosts.` }];
      const open = own.filter((s) => ((specOf(s).egress as { hosts?: string[] }[] | undefined) ?? []).some((e) => (e.hosts ?? []).includes("*/*")));
      const empty = own.filter((s) => ((specOf(s).egress as unknown[] | undefined) ?? []).length === 0);
      return [...open, ...empty].map((s) => ({
        urn: s.urn,
        message: open.includes(s) ? `${label(s)} allows egress to */* (every host).` : `${label(s)} lists no egress hosts, so it does not limit egress.`,
      }));
    });
  },
);
