import { ingressGateways, targetsGateway } from "../../../lib/gateway";
import { ISTIO, specOf } from "../../../lib/istio";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";

type Rule = { from?: { source?: { requestPrincipals?: string[]; notRequestPrincipals?: string[] } }[] };

/** True when an AuthorizationPolicy makes the gateway reject requests without a valid JWT. */
function requiresPrincipal(spec: Record<string, any>): boolean {
  const rules: Rule[] = spec.rules ?? [];
  const action = spec.action ?? "ALLOW";
  if (action === "ALLOW") return rules.length > 0 && rules.every((r) => (r.from ?? []).some((f) => (f.source?.requestPrincipals ?? []).length > 0));
  if (action === "DENY") return rules.some((r) => (r.from ?? []).some((f) => (f.source?.notRequestPrincipals ?? []).includes("*")));
  return false;
}

/** API routes at the gateway require an authenticated request principal. */
export const kubernetesIstioGatewayRequireRequestPrincipal = stackPolicy(
  {
    name: "kubernetes-istio-gateway-require-request-principal",
    description: "Every Istio ingress gateway has an AuthorizationPolicy that requires a request principal (a valid JWT) on API routes.",
    severity: "critical",
    remediationSteps: "Add an AuthorizationPolicy on the gateway's pods: DENY when notRequestPrincipals is [\"*\"] on the API paths, or ALLOW only rules with from.source.requestPrincipals.",
    frameworks: ["IST authorization", "KYV"],
    seed: true,
  },
  (stack, args) => {
    const gateways = ingressGateways(stack);
    if (gateways.length === 0) args.notApplicable("The stack has no Istio Gateway.");
    const aps = stack.ofType(...ISTIO.AuthorizationPolicy).filter((ap) => requiresPrincipal(specOf(ap)));
    return gateways
      .filter((gw) => !aps.some((ap) => targetsGateway(specOf(ap).selector?.matchLabels, gw)))
      .map((gw) => ({ urn: gw.gateway.urn, message: `${label(gw.gateway)} has no AuthorizationPolicy requiring a request principal.` }));
  },
);
