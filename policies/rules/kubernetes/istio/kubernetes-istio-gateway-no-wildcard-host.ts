import { ISTIO, meshHostWildcardProblem } from "../../../lib/istio";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Gateways serve named hosts only. */
export const kubernetesIstioGatewayNoWildcardHost = resourcePolicyOfTypes(
  {
    name: "kubernetes-istio-gateway-no-wildcard-host",
    description: "Istio Gateways list the hosts they serve: no server host has a wildcard label at any level (*, *.com, *.example.com) or the */ namespace (VirtualServices of every namespace).",
    severity: "medium",
    remediationSteps: "Set each server's hosts to the public names, e.g. api.example.com, optionally prefixed by the namespace of the VirtualServices that bind them.",
    frameworks: ["IST gateway", "KYV"],
  },
  ISTIO.Gateway,
  (props) =>
    ((props.spec?.servers as { port?: { number?: number }; hosts?: string[] }[] | undefined) ?? []).map((s) => {
      const problems = (s.hosts ?? []).map((h) => meshHostWildcardProblem(h, "Gateway")).filter((p): p is string => !!p);
      return problems.length > 0 && `Server on port ${s.port?.number ?? "?"} serves a wildcard host: ${problems.join("; ")}.`;
    }),
);
