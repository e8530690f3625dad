import { ISTIO, specOf } from "../../../lib/istio";
import { NamespaceConfig, SYSTEM_NAMESPACES_SCHEMA, applicationNamespaces, inNamespace, namespaceName } from "../../../lib/k8s";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";

/** Each application namespace denies every request unless an ALLOW policy matches. */
export const kubernetesIstioAuthorizationPolicyDefaultDeny = stackPolicy(
  {
    name: "kubernetes-istio-authorizationpolicy-default-deny",
    description: "Every application namespace has an Istio AuthorizationPolicy that denies all requests by default (an ALLOW policy with no selector and no rules).",
    severity: "high",
    remediationSteps: "Add an AuthorizationPolicy named deny-all in the namespace with spec: {}.",
    frameworks: ["IST authorization", "KYV"],
    configSchema: { properties: SYSTEM_NAMESPACES_SCHEMA },
  },
  (stack, args) => {
    const namespaces = applicationNamespaces(stack, args.getConfig<NamespaceConfig>().systemNamespaces);
    if (namespaces.length === 0) args.notApplicable("The stack has no application namespace.");
    return namespaces
      .filter((ns) =>
        !inNamespace(stack, namespaceName(ns), ...ISTIO.AuthorizationPolicy).some((p) => {
          const spec = specOf(p);
          return !spec.selector && (spec.action ?? "ALLOW") === "ALLOW" && (spec.rules ?? []).length === 0;
        }),
      )
      .map((ns) => ({ urn: ns.urn, message: `${label(ns)} (${namespaceName(ns)}) has no default-deny AuthorizationPolicy.` }));
  },
);
