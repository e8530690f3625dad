import { ingressGateways, targetsGateway } from "../../../lib/gateway";
import { ISTIO, specOf } from "../../../lib/istio";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";

/** The ingress gateway validates JWTs. */
export const kubernetesIstioGatewayJwtAuthentication = stackPolicy(
  {
    name: "kubernetes-istio-gateway-jwt-authentication",
    description: "Every Istio ingress gateway's pods are selected by a RequestAuthentication with at least one JWT rule (issuer and JWKS).",
    severity: "critical",
    remediationSteps: "Add a RequestAuthentication whose selector.matchLabels matches the gateway's selector, with jwtRules naming the issuer and jwksUri.",
    frameworks: ["IST authentication", "KYV"],
    seed: true,
  },
  (stack, args) => {
    const gateways = ingressGateways(stack);
    if (gateways.length === 0) args.notApplicable("The stack has no Istio Gateway.");
    const ras = stack.ofType(...ISTIO.RequestAuthentication).filter((ra) => (specOf(ra).jwtRules ?? []).length > 0);
    return gateways
      .filter((gw) => !ras.some((ra) => targetsGateway(specOf(ra).selector?.matchLabels, gw)))
      .map((gw) => ({ urn: gw.gateway.urn, message: `${label(gw.gateway)} has no RequestAuthentication with JWT rules on its pods.` }));
  },
);
