import { ingressGateways, targetsGateway } from "../../../lib/gateway";
import { ISTIO, specOf } from "../../../lib/istio";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";

const RATE_LIMIT_FILTERS = ["envoy.filters.http.local_ratelimit", "envoy.filters.http.ratelimit"];

/** The API gateway layer rate-limits requests. */
export const kubernetesIstioGatewayRateLimit = stackPolicy(
  {
    name: "kubernetes-istio-gateway-rate-limit",
    description: "Every Istio ingress gateway's pods get an EnvoyFilter that adds a rate-limit HTTP filter (local or global), so the API layer limits request rates.",
    severity: "high",
    remediationSteps: "Add an EnvoyFilter whose workloadSelector.labels match the gateway's selector and that inserts envoy.filters.http.local_ratelimit with a token bucket (e.g. 100 rps, burst 200).",
    frameworks: ["platform"],
    seed: true,
  },
  (stack, args) => {
    const gateways = ingressGateways(stack);
    if (gateways.length === 0) args.notApplicable("The stack has no Istio Gateway.");
    const filters = stack.ofType(...ISTIO.EnvoyFilter).filter((f) => RATE_LIMIT_FILTERS.some((name) => JSON.stringify(specOf(f).configPatches ?? []).includes(name)));
    return gateways
      .filter((gw) => !filters.some((f) => targetsGateway(specOf(f).workloadSelector?.labels, gw)))
      .map((gw) => ({ urn: gw.gateway.urn, message: `${label(gw.gateway)} has no rate-limit EnvoyFilter on its pods.` }));
  },
);
