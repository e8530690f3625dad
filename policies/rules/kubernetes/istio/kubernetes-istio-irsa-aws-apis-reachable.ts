import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import type { PolicyResource } from "@pulumi/policy";
import { ApiEndpoint, apiEndpoint, hostServes } from "../../../lib/awsApis";
import { list } from "../../../lib/iam";
import { ISTIO, hasMesh, specOf } from "../../../lib/istio";
import { inNamespace, injectionEnabled, metadataOf, namespaceName, namespaceOf } from "../../../lib/k8s";
import { routeTables } from "../../../lib/network";
import { StackFinding, stackPolicy } from "../../../lib/resource";
import { actionPrefixes, grantsOf, irsaRoles } from "../../../lib/roles";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** A ServiceEntry as the check sees it: where it lives, who sees it, what it declares. */
interface Entry {
  readonly resource: PolicyResource;
  readonly namespace: string;
  readonly exportTo: string[];
  /** `undefined` when the hosts are not known yet (e.g. a database address during a first preview). */
  readonly hosts: string[] | undefined;
}

function entries(all: readonly PolicyResource[]): Entry[] {
  return all.map((r) => {
    const spec = specOf(r);
    const hosts = known(() => spec.hosts as unknown);
    return {
      resource: r,
      namespace: namespaceOf(r),
      exportTo: list(known(() => spec.exportTo)),
      hosts: Array.isArray(hosts) && hosts.every((h) => typeof h === "string") ? (hosts as string[]) : undefined,
    };
  });
}

/**
 * The entries each namespace sees (Istio's exportTo: unset or `*` exports to all, `.` to the
 * entry's own namespace), as a lookup built once.
 */
function visibility(all: readonly Entry[]): (ns: string) => Entry[] {
  const everywhere = all.filter((e) => e.exportTo.length === 0 || e.exportTo.includes("*"));
  const named = new Map<string, Entry[]>();
  for (const e of all) {
    if (e.exportTo.length === 0 || e.exportTo.includes("*")) continue;
    for (const ns of new Set(e.exportTo.map((to) => (to === "." ? e.namespace : to)))) named.set(ns, [...(named.get(ns) ?? []), e]);
  }
  return (ns) => [...everywhere, ...(named.get(ns) ?? [])];
}

/** True when a Sidecar egress host `<ns>/<host>` of namespace `ns` admits `host` declared in `entryNs`. */
function sidecarAdmits(egressHost: string, ns: string, entryNs: string, host: string): boolean {
  const [scope, pattern] = egressHost.includes("/") ? (egressHost.split("/", 2) as [string, string]) : ["*", egressHost];
  const scopeOk = scope === "*" || (scope === "." ? entryNs === ns : scope === entryNs);
  return scopeOk && (pattern === "*" || hostServes(pattern, host) || pattern === host);
}

/** A statement of KMS actions only, usable only through named AWS services (`kms:ViaService`): the pod never calls KMS for them. */
function kmsViaServiceOnly(statement: { Action?: unknown; Condition?: Record<string, Record<string, unknown>> }): boolean {
  const actions = (Array.isArray(statement.Action) ? statement.Action : [statement.Action]).map(String);
  const via = statement.Condition?.StringEquals?.["kms:ViaService"];
  const services = (Array.isArray(via) ? via : via === undefined ? [] : [via]).map(String);
  return actions.length > 0 && actions.every((a) => a.toLowerCase().startsWith("kms:")) && services.length > 0 && services.every((v) => /^[a-z0-9-]+\.[a-z0-9-]+\.amazonaws\.com$/.test(v) && !v.startsWith("kms."));
}

/** Every AWS API the service's IRSA role is granted is reachable from its pods: declared to the mesh and routed out of the VPC. */
export const kubernetesIstioIrsaAwsApisReachable = stackPolicy(
  {
    name: "kubernetes-istio-irsa-aws-apis-reachable",
    description:
      "For each IRSA role of a meshed namespace, every AWS API its granted actions call (STS always; Secrets Manager, KMS, SQS, S3, EventBridge, Logs...; RDS, MSK and ElastiCache hosts for rds-db, kafka-cluster and elasticache) is declared to the mesh for that namespace (a visible ServiceEntry admitted by its Sidecar), and each regional API has a VPC interface endpoint or a NAT route.",
    severity: "high",
    remediationSteps:
      "Add the host to a ServiceEntry exported to the service's namespace (and to its Sidecar's egress hosts when they are listed), and add an interface VPC endpoint (com.amazonaws.<region>.<service>) or a NAT route; or stop granting the action.",
    frameworks: ["platform", "IST egress"],
    seed: true,
  },
  (stack, args) => {
    if (!hasMesh(stack)) args.notApplicable("The stack has no Istio mesh.");
    const meshed = new Set(stack.ofType(k8s.core.v1.Namespace).filter((ns) => injectionEnabled(metadataOf(ns).labels)).map(namespaceName));
    const roles = irsaRoles(stack).filter((r) => r.subjects.some((s) => meshed.has(s.namespace)));
    if (roles.length === 0) args.notApplicable("The stack has no IRSA role of a meshed namespace.");
    const region = String(known(() => stack.ofType("pulumi:providers:aws")[0]?.props.region) ?? "");
    if (!region) args.notApplicable("The stack's AWS provider names no region.");

    const visibleIn = visibility(entries(stack.ofType(...ISTIO.ServiceEntry)));
    const endpoints = stack.ofType(aws.ec2.VpcEndpoint).filter((e) => {
      const type = known(() => e.props.vpcEndpointType) ?? "Gateway";
      return type === "Gateway" || known(() => e.props.privateDnsEnabled) === true;
    });
    const natRoute = routeTables(stack).some((t) => t.routes.some((r) => r.target === "nat" && (r.destination === "0.0.0.0/0" || r.destination === "::/0")));

    /** True when namespace `ns` reaches one of `api`'s hosts through the mesh. */
    const meshReaches = (ns: string, api: ApiEndpoint): boolean => {
      const own = inNamespace(stack, ns, ...ISTIO.Sidecar).filter((s) => specOf(s).workloadSelector === undefined);
      const egress = own.flatMap((s) => ((specOf(s).egress as { hosts?: string[] }[] | undefined) ?? []).flatMap((e) => e.hosts ?? []));
      return visibleIn(ns).some((e) => {
        // Unknown hosts (a store's address before it exists) may be the store's own: they count for stores in the VPC only.
        const hosts = e.hosts ?? (api.endpointService ? [] : api.hosts);
        return hosts.some(
          (declared) => api.hosts.some((required) => hostServes(declared, required)) && (own.length === 0 || egress.some((h) => sidecarAdmits(h, ns, e.namespace, declared))),
        );
      });
    };
    const routed = (api: ApiEndpoint): boolean =>
      api.endpointService === undefined || natRoute || endpoints.some((e) => known(() => e.props.serviceName) === api.endpointService);

    const findings: StackFinding[] = [];
    for (const { role, subjects } of roles) {
      const grants = grantsOf(stack, role);
      const prefixes = new Map<string, string>([["sts", "sts:AssumeRoleWithWebIdentity"]]);
      for (const g of grants) {
        if (g.statement.Effect !== "Allow") continue;
        // KMS calls made for the pod by another service (kms:ViaService, e.g. SNS encrypting a publish) are not the pod's to reach.
        if (kmsViaServiceOnly(g.statement)) continue;
        for (const prefix of actionPrefixes(g.statement)) if (!prefixes.has(prefix)) prefixes.set(prefix, list(g.statement.Action).find((a) => a === "*" || a.toLowerCase().startsWith(`${prefix}:`)) ?? prefix);
      }
      for (const { namespace, serviceAccount } of subjects.filter((s) => meshed.has(s.namespace))) {
        for (const [prefix, example] of [...prefixes].sort(([a], [b]) => a.localeCompare(b))) {
          if (prefix === "*") {
            findings.push({ urn: role.urn, message: `${label(role)} (IRSA for ${namespace}/${serviceAccount}) is granted every action (*), so no mesh configuration can declare the APIs it may call; grant named actions.` });
            continue;
          }
          const api = apiEndpoint(prefix, region);
          if (!api) continue;
          const who = `${label(role)} (IRSA for ${namespace}/${serviceAccount}) is granted ${example}`;
          if (!meshReaches(namespace, api)) {
            findings.push({
              urn: role.urn,
              message: `${who}, but namespace '${namespace}' reaches no ${api.hosts.join(" or ")} through the mesh (REGISTRY_ONLY): declare it in a ServiceEntry visible to the namespace and admitted by its Sidecar.`,
            });
          } else if (!routed(api)) {
            findings.push({ urn: role.urn, message: `${who}, but the VPC has no interface endpoint ${api.endpointService} and no NAT route, so ${api.hosts[0]} is unreachable from the pods.` });
          }
        }
      }
    }
    return findings;
  },
);
