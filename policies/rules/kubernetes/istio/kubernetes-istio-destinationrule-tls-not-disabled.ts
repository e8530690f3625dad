import { ISTIO } from "../../../lib/istio";
import { resourcePolicyOfTypes } from "../../../lib/resource";

type TrafficPolicy = { tls?: { mode?: string }; portLevelSettings?: { port?: { number?: number }; tls?: { mode?: string } }[] };

function disabled(where: string, policy: TrafficPolicy | undefined): string[] {
  const out: string[] = [];
  if (policy?.tls?.mode === "DISABLE") out.push(`${where} tls.mode is DISABLE.`);
  for (const p of policy?.portLevelSettings ?? []) if (p.tls?.mode === "DISABLE") out.push(`${where} port ${p.port?.number ?? "?"} tls.mode is DISABLE.`);
  return out;
}

/** DestinationRules never turn TLS off. */
export const kubernetesIstioDestinationRuleTlsNotDisabled = resourcePolicyOfTypes(
  {
    name: "kubernetes-istio-destinationrule-tls-not-disabled",
    description: "No DestinationRule sets TLS mode DISABLE, for the host, a port or a subset.",
    severity: "critical",
    remediationSteps: "Use tls.mode ISTIO_MUTUAL inside the mesh (or SIMPLE/MUTUAL to external hosts); never DISABLE.",
    frameworks: ["IST mutual-tls", "KYV enforce-strict-mtls"],
    seed: true,
  },
  ISTIO.DestinationRule,
  (props) => {
    const spec = props.spec ?? {};
    return [
      ...disabled("trafficPolicy", spec.trafficPolicy),
      ...((spec.subsets as { name?: string; trafficPolicy?: TrafficPolicy }[] | undefined) ?? []).flatMap((s) => disabled(`subset '${s.name ?? "?"}' trafficPolicy`, s.trafficPolicy)),
    ];
  },
);
