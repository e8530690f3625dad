import { ISTIO } from "../../../lib/istio";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Gateways serve named hosts only. */
export const kubernetesIstioGatewayNoWildcardHost = resourcePolicyOfTypes(
  {
    name: "kubernetes-istio-gateway-no-wildcard-host",
    description: "Istio Gateways list the hosts they serve; no server uses the * host.",
    severity: "medium",
    remediationSteps: "Set each server's hosts to the public names, e.g. api.example.com.",
    frameworks: ["IST gateway", "KYV"],
  },
  ISTIO.Gateway,
  (props) =>
    ((props.spec?.servers as { port?: { number?: number }; hosts?: string[] }[] | undefined) ?? []).map(
      (s) => (s.hosts ?? []).some((h) => h === "*" || h.endsWith("/*")) && `Server on port ${s.port?.number ?? "?"} serves the wildcard host (${(s.hosts ?? []).join(", ")}).`,
    ),
);
