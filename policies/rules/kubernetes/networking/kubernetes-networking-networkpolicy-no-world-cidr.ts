import * as k8s from "@pulumi/kubernetes";
import { worldCidrProblem } from "../../../lib/cidr";
import { resourcePolicyOfTypes } from "../../../lib/resource";

type Peer = { ipBlock?: { cidr?: string; except?: string[] } };

/** Network policies never open a pod to, or from, the whole internet. */
export const kubernetesNetworkingNetworkPolicyNoWorldCidr = resourcePolicyOfTypes(
  {
    name: "kubernetes-networking-networkpolicy-no-world-cidr",
    description:
      "No NetworkPolicy ingress or egress rule has an ipBlock that opens the world: 0.0.0.0/0, ::/0, or any IPv4 prefix shorter than /8 (IPv6 /32), whatever its except list carves out.",
    severity: "high",
    remediationSteps:
      "Allow the exact blocks the pods need (the VPC subnets of the data tier and the endpoints, or the published ranges of an external provider) and reach other pods with namespaceSelector and podSelector.",
    frameworks: ["platform", "KYV"],
  },
  [k8s.networking.v1.NetworkPolicy],
  (props) => {
    const spec = props.spec ?? {};
    const rules = [
      ...((spec.ingress ?? []) as { from?: Peer[] }[]).map((r, i) => ({ at: `ingress[${i}].from`, peers: r.from ?? [] })),
      ...((spec.egress ?? []) as { to?: Peer[] }[]).map((r, i) => ({ at: `egress[${i}].to`, peers: r.to ?? [] })),
    ];
    return rules.flatMap(({ at, peers }) =>
      peers.flatMap((p, j) => {
        const problem = worldCidrProblem(p.ipBlock?.cidr);
        const except = p.ipBlock?.except?.length ? ` (except ${p.ipBlock.except.join(", ")})` : "";
        return problem ? [`${at}[${j}].ipBlock ${p.ipBlock!.cidr}${except} opens the rule to the world: ${problem}.`] : [];
      }),
    );
  },
);
