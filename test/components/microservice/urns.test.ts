import { describe, expect, it } from "vitest";
import { aliasUrns } from "../../../tools/diff/compare";
import { STATEFUL_TYPES } from "../../../tools/diff/replace";
import type { PlanDocument } from "../../../tools/plan/types";
import { qualifiedTypeOf } from "../../../tools/plan/urn";
import { loadPlan, STACKS } from "../../support/plans";

/**
 * The services' URNs are a contract: a changed URN means Pulumi deletes and recreates the
 * resource (the protected log groups would stop `pulumi up` in prod). Since the services
 * got their tier component (`Services`), every identity and pod is its child; before,
 * they were children of the stack. Both lists are pinned: the URNs now (NOW) and the ones
 * a stack deployed before the move holds in its state (BEFORE); each resource must
 * resolve to its old URN through the aliases, with the engine's rule, or the move would
 * replace it. A refactor that renames or re-parents one of them fails here; add an alias
 * and update both lists on purpose.
 */
const SERVICES = ["order", "product", "user"] as const;
const POD = "platform:microservice:MicroservicePod";
const IDENTITY = "platform:microservice:ServiceIdentity";
const ENTRY = "kubernetes:networking.istio.io/v1:ServiceEntry";
const SPC = "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass";

/** `[component type, child type or null for the component itself, name after "<service>-"]`, every service. */
const COMMON: [string, string | null, string][] = [
  [IDENTITY, null, "identity"],
  [IDENTITY, "aws:iam/role:Role", "identity-role"],
  [POD, null, "pod"],
  [POD, "aws:cloudwatch/logGroup:LogGroup", "pod-logs"],
  [POD, "kubernetes:core/v1:Namespace", "pod-ns"],
  [POD, "kubernetes:core/v1:ResourceQuota", "pod-quota"],
  [POD, "kubernetes:core/v1:LimitRange", "pod-limits"],
  [POD, "kubernetes:core/v1:ServiceAccount", "pod-sa"],
  [POD, "kubernetes:core/v1:ConfigMap", "pod-data"],
  [POD, "kubernetes:core/v1:PersistentVolume", "pod-shared-pv"],
  [POD, "kubernetes:core/v1:PersistentVolumeClaim", "pod-shared-pvc"],
  [POD, "kubernetes:apps/v1:Deployment", "pod-deployment"],
  [POD, "kubernetes:core/v1:Service", "pod-service"],
  [POD, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "pod-hpa"],
  [POD, "kubernetes:policy/v1:PodDisruptionBudget", "pod-pdb"],
  [POD, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "pod-default-deny"],
  [POD, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "pod-allow-ingress"],
  [POD, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "pod-allow-egress"],
  [POD, "kubernetes:security.istio.io/v1:AuthorizationPolicy", "pod-authz-deny-all"],
  [POD, "kubernetes:security.istio.io/v1:AuthorizationPolicy", "pod-authz-allow-callers"],
  [POD, "kubernetes:networking.istio.io/v1:DestinationRule", "pod-destination-rule"],
  [POD, "kubernetes:networking.istio.io/v1:Sidecar", "pod-sidecar"],
  [POD, "kubernetes:networking.istio.io/v1:VirtualService", "pod-virtual-service"],
  [POD, ENTRY, "pod-aws-apis"],
  [POD, ENTRY, "pod-data-kafka"],
  [POD, ENTRY, "pod-data-kms"],
  [POD, ENTRY, "pod-data-s3"],
  [POD, ENTRY, "pod-data-sqs"],
];
/** What one service has beyond the common objects (its database, cache, events, secrets, external hosts). */
const OWN: Record<(typeof SERVICES)[number], [string, string | null, string][]> = {
  order: [
    [POD, ENTRY, "pod-data-events"],
    [POD, ENTRY, "pod-data-postgres"],
    [POD, ENTRY, "pod-egress-0-api-stripe-com"],
  ],
  product: [
    [POD, ENTRY, "pod-data-mysql"],
    [POD, ENTRY, "pod-data-redis"],
    [POD, SPC, "pod-secrets"],
  ],
  user: [
    [POD, ENTRY, "pod-data-events"],
    [POD, ENTRY, "pod-data-postgres"],
    [POD, ENTRY, "pod-data-redis"],
    [POD, SPC, "pod-secrets"],
  ],
};

const ROOT = (stack: string) => `urn:pulumi:${stack}::platform::`;
const TIER = "platform:microservice:Services";
/** The pinned URNs, each with the URN the same resource had before the move. */
function pins(stack: string): { now: string; before: string }[] {
  const out = [{ now: `${ROOT(stack)}${TIER}::services`, before: "" }];
  for (const service of SERVICES) {
    for (const [owner, type, suffix] of [...COMMON, ...OWN[service]]) {
      const qualified = type ? `${owner}$${type}` : owner;
      const name = `${service}-${suffix}`;
      out.push({ now: `${ROOT(stack)}${TIER}$${qualified}::${name}`, before: `${ROOT(stack)}${qualified}::${name}` });
    }
  }
  return out;
}

/**
 * The old URN each resource of `doc` is matched to when `olds` is the state, with the
 * engine's rule: its own URN, else the first of its aliases (its own, and those it
 * inherits from a parent matched through an alias) that the state holds. Parents first.
 */
function resolveOld(doc: PlanDocument, olds: ReadonlySet<string>): Map<string, string> {
  const oldUrnOf = new Map<string, string>();
  const resolved = new Map<string, string>();
  const depth = (urn: string) => qualifiedTypeOf(urn).split("$").length;
  for (const r of [...doc.resources].sort((a, b) => depth(a.urn) - depth(b.urn))) {
    if (olds.has(r.urn)) {
      resolved.set(r.urn, r.urn);
      continue;
    }
    const old = aliasUrns(r, doc, oldUrnOf).find((u) => olds.has(u));
    if (old) {
      oldUrnOf.set(r.urn, old);
      resolved.set(r.urn, old);
    }
  }
  return resolved;
}

describe.each(STACKS)("services URNs (%s)", (stack) => {
  const doc = loadPlan(stack);
  const urns = new Set(doc.resources.map((r) => r.urn));
  const pinned = pins(stack);

  it("still has every pinned URN (a missing one was renamed or re-parented: add an alias, then update both pins)", () => {
    expect(pinned.map((p) => p.now).filter((u) => !urns.has(u))).toEqual([]);
  });

  it("puts every identity and pod, and nothing else of theirs, under the one Services component", () => {
    const tier = doc.resources.filter((r) => r.type === TIER);
    expect(tier.map((r) => [r.urn, r.parent])).toEqual([[`${ROOT(stack)}${TIER}::services`, `${ROOT(stack)}pulumi:pulumi:Stack::platform-${stack}`]]);
    const strays = doc.resources.filter((r) => /platform:microservice:(ServiceIdentity|MicroservicePod)/.test(r.urn) && !r.urn.startsWith(`${ROOT(stack)}${TIER}$`));
    expect(strays.map((r) => r.urn)).toEqual([]);
  });

  it("pins every stateful resource of the services", () => {
    const stateful = doc.resources.filter((r) => r.urn.startsWith(`${ROOT(stack)}${TIER}$`) && STATEFUL_TYPES.has(r.type)).map((r) => r.urn);
    expect(stateful.length).toBeGreaterThan(0);
    expect(stateful.filter((u) => !pinned.some((p) => p.now === u))).toEqual([]);
  });

  it("aliases each moved identity and pod to the stack (where it was); their children inherit it", () => {
    // The Kubernetes SDK adds type aliases of its own (an HPA's older API groups, under the same parent); this is about parents.
    const parentAliases = (r: PlanDocument["resources"][number]) =>
      (r.options.aliases as { spec?: { noparent?: boolean; parenturn?: string } }[]).filter((a) => a.spec?.noparent || (a.spec?.parenturn && a.spec.parenturn !== r.parent));
    const moved = doc.resources.filter((r) => r.urn.startsWith(`${ROOT(stack)}${TIER}$`) && parentAliases(r).length > 0);
    expect(moved.map((r) => r.name).sort()).toEqual(SERVICES.flatMap((s) => [`${s}-identity`, `${s}-pod`]).sort());
    for (const r of moved) expect(r.options.aliases, r.name).toEqual([{ spec: { name: "", type: "", stack: "", project: "", noparent: true } }]);
  });

  it("matches every moved resource to its URN before the move, so Pulumi updates them in place", () => {
    const before = new Set(pinned.filter((p) => p.before).map((p) => p.before));
    const resolved = resolveOld(doc, before);
    const wrong = pinned.filter((p) => p.before && resolved.get(p.now) !== p.before).map((p) => `${p.now} -> ${resolved.get(p.now) ?? "(no alias matches)"}`);
    expect(wrong).toEqual([]);
  });
});
