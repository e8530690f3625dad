import { worldCidrProblem } from "../../../lib/cidr";
import { ISTIO } from "../../../lib/istio";
import { resourcePolicyOfTypes } from "../../../lib/resource";
import { strings } from "../../../lib/stack";

/** The positive source fields of an AuthorizationPolicy rule. */
const SOURCE_FIELDS = ["principals", "requestPrincipals", "namespaces", "ipBlocks", "remoteIpBlocks"] as const;
/** The positive operation fields. */
const OPERATION_FIELDS = ["hosts", "ports", "methods", "paths"] as const;

/** A value that matches everything: `*`, or a match that leaves the issuer, trust domain or namespace open (`*...`). */
const isWildcard = (v: string) => v === "*" || v.startsWith("*");

function sourceProblems(from: unknown, at: string): string[] {
  const entries = (Array.isArray(from) ? from : []) as { source?: Record<string, unknown> }[];
  if (entries.length === 0) return [`${at} has no from, so it allows every source.`];
  return entries.flatMap((f, j) => {
    const source = f.source ?? {};
    const named = SOURCE_FIELDS.filter((k) => strings(source[k]).length > 0);
    if (named.length === 0) return [`${at}.from[${j}] names no principals, request principals, namespaces or IP blocks, so it matches every source.`];
    return named.flatMap((k) =>
      strings(source[k]).flatMap((v) => {
        const problem = k === "ipBlocks" || k === "remoteIpBlocks" ? worldCidrProblem(v) : isWildcard(v) ? `${v} matches everyone` : undefined;
        return problem ? [`${at}.from[${j}].source.${k} allows ${problem}.`] : [];
      }),
    );
  });
}

function operationProblems(to: unknown, at: string): string[] {
  const entries = (Array.isArray(to) ? to : []) as { operation?: Record<string, unknown> }[];
  if (entries.length === 0) return [`${at} has no to, so it allows every operation.`];
  return entries.flatMap((t, k) => {
    const operation = t.operation ?? {};
    const named = OPERATION_FIELDS.filter((f) => strings(operation[f]).length > 0);
    if (named.length === 0) return [`${at}.to[${k}] names no hosts, ports, methods or paths, so it matches every operation.`];
    return named.flatMap((f) => (strings(operation[f]).some((v) => v === "*") ? [`${at}.to[${k}].operation.${f} is *, which matches every operation.`] : []));
  });
}

/** Every ALLOW rule names who may call and what they may call. */
export const kubernetesIstioAuthorizationPolicyAllowRulesScoped = resourcePolicyOfTypes(
  {
    name: "kubernetes-istio-authorizationpolicy-allow-rules-scoped",
    description:
      "In every namespace (istio-system and the gateway's included), each rule of an ALLOW AuthorizationPolicy names its sources (from: principals, request principals, namespaces or IP blocks, none of them * or the world) and its operations (to: hosts, ports, methods or paths, none of them *); a rule that matches everything, such as rules: [{}], is a violation.",
    severity: "high",
    remediationSteps:
      "Give every ALLOW rule a from naming the callers' service-account principals (or a JWT issuer's request principals at the gateway) and a to naming the ports, methods or paths they may use; an ALLOW policy with no rules at all is the deny-all.",
    frameworks: ["IST authorization", "KYV"],
  },
  ISTIO.AuthorizationPolicy,
  (props) => {
    const spec = props.spec ?? {};
    if ((spec.action ?? "ALLOW") !== "ALLOW") return undefined;
    const rules = (Array.isArray(spec.rules) ? spec.rules : []) as Record<string, unknown>[];
    return rules.flatMap((rule, i) => [...sourceProblems(rule.from, `rules[${i}]`), ...operationProblems(rule.to, `rules[${i}]`)]);
  },
);
