import { ISTIO } from "../../../lib/istio";
import { strings } from "../../../lib/stack";
import { resourcePolicyOfTypes } from "../../../lib/resource";

const NEGATIVE = ["notPrincipals", "notRequestPrincipals", "notNamespaces", "notIpBlocks", "notRemoteIpBlocks", "notHosts", "notPorts", "notMethods", "notPaths", "notValues"];

function negativeFields(value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => negativeFields(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => (NEGATIVE.includes(k) && strings(v).length > 0 ? [`${path}.${k}`] : negativeFields(v, `${path}.${k}`)));
  }
  return [];
}

/** ALLOW policies match positively. */
export const kubernetesIstioAuthorizationPolicyPositiveMatch = resourcePolicyOfTypes(
  {
    name: "kubernetes-istio-authorizationpolicy-positive-match",
    description: "ALLOW AuthorizationPolicies use positive matches only (no notPrincipals, notNamespaces, notPaths and similar), so they never allow more than they name.",
    severity: "medium",
    remediationSteps: "Rewrite negative matches in ALLOW rules as the list of principals, namespaces, paths or methods to allow.",
    frameworks: ["IST authorization"],
  },
  ISTIO.AuthorizationPolicy,
  (props) => {
    const spec = props.spec ?? {};
    if ((spec.action ?? "ALLOW") !== "ALLOW") return undefined;
    return negativeFields(spec.rules ?? [], "rules").map((p) => `The ALLOW policy uses a negative match at ${p}.`);
  },
);
