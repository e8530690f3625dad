import * as k8s from "@pulumi/kubernetes";
import { NamespaceConfig, SYSTEM_NAMESPACES_SCHEMA, applicationNamespaces, inNamespace, isEmptySelector, namespaceName } from "../../../lib/k8s";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** Every application namespace denies all traffic both ways by default. */
export const kubernetesNetworkingNamespaceDefaultDeny = stackPolicy(
  {
    name: "kubernetes-networking-namespace-default-deny",
    description: "Every application namespace (labelled for Istio injection) has a NetworkPolicy that selects every pod and denies all ingress and egress.",
    severity: "high",
    remediationSteps: "Add a NetworkPolicy in the namespace with podSelector {}, policyTypes [Ingress, Egress] and no ingress or egress rules.",
    frameworks: ["KYV add-networkpolicy", "CKV2_K8S_6", "POL", "KS pod-networkpolicy"],
    seed: true,
    configSchema: { properties: SYSTEM_NAMESPACES_SCHEMA },
  },
  (stack, args) => {
    const namespaces = applicationNamespaces(stack, args.getConfig<NamespaceConfig>().systemNamespaces);
    if (namespaces.length === 0) args.notApplicable("The stack has no application namespace.");
    return namespaces
      .filter((ns) => {
        const name = namespaceName(ns);
        return !inNamespace(stack, name, k8s.networking.v1.NetworkPolicy).some((p) => {
          const spec = (known(() => p.props.spec) as Record<string, any> | undefined) ?? {};
          const types: string[] = spec.policyTypes ?? [];
          return (
            isEmptySelector(spec.podSelector) &&
            types.includes("Ingress") &&
            types.includes("Egress") &&
            (spec.ingress ?? []).length === 0 &&
            (spec.egress ?? []).length === 0
          );
        });
      })
      .map((ns) => ({ urn: ns.urn, message: `${label(ns)} (${namespaceName(ns)}) has no default-deny NetworkPolicy for ingress and egress.` }));
  },
);
