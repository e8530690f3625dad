import { ISTIO, meshHostWildcardProblem } from "../../../lib/istio";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** External hosts are declared one by one, for the declaring namespace only. */
export const kubernetesIstioServiceEntryExplicitHosts = resourcePolicyOfTypes(
  {
    name: "kubernetes-istio-serviceentry-explicit-hosts",
    description: "ServiceEntries name explicit external hosts (no wildcard label at any level: *, *.com, *.amazonaws.com) and are not exported to every namespace (exportTo does not include *).",
    severity: "high",
    remediationSteps: "List each external host the service needs (e.g. api.stripe.com) and set exportTo: [\".\"] so only the declaring namespace can use it.",
    frameworks: ["IST egress", "KYV"],
    seed: true,
  },
  ISTIO.ServiceEntry,
  (props) => {
    const spec = props.spec ?? {};
    const hosts: string[] = spec.hosts ?? [];
    const exportTo: string[] = spec.exportTo ?? ["*"];
    return [
      hosts.length === 0 && "The ServiceEntry names no hosts.",
      ...hosts.map((h) => meshHostWildcardProblem(h, "ServiceEntry")).map((p) => p !== undefined && `hosts includes a wildcard: ${p}.`),
      exportTo.includes("*") && "The ServiceEntry is exported to every namespace (exportTo is unset or includes *); set exportTo: [\".\"].",
    ];
  },
);
