import { tierOf } from "./document";
import type { PlanDocument, PlanPack } from "./types";

/** The readable summary: resources per tier and type, policy results, outputs. */
export function formatPlan(doc: PlanDocument, options: { readonly policyConfig?: string } = {}): string {
  const lines: string[] = [];
  lines.push(`Offline plan for ${doc.project}/${doc.stack} (mock monitor: no cloud, no CLI)`);
  // Which enforcement levels the verdicts below were judged with.
  if (options.policyConfig) lines.push(`policy config: ${options.policyConfig}`);
  lines.push("");
  lines.push(...formatResources(doc), "");
  lines.push(...formatPolicies(doc.policies.packs), "");
  lines.push("Outputs (secrets masked):");
  for (const [key, value] of flatten(doc.outputs)) lines.push(`  ${key}: ${value}`);
  lines.push("");
  const s = doc.summary;
  lines.push(
    `${s.resources} resources, ${s.mandatoryViolations} mandatory and ${s.advisoryViolations} advisory policy violations, ${s.secrets} secret values masked`,
  );
  return lines.join("\n");
}

/** One tier's resources: how many of each type, types sorted by name. */
export interface TierCount {
  readonly tier: string;
  readonly total: number;
  readonly types: readonly (readonly [type: string, count: number])[];
}

/** Resources per tier and type, tiers by name with `stack` last: what the summary prints. */
export function resourcesByTier(doc: PlanDocument): TierCount[] {
  const byUrn = new Map(doc.resources.map((r) => [r.urn, r]));
  const tiers = new Map<string, Map<string, number>>();
  for (const r of doc.resources) {
    const tier = tierOf(r, byUrn);
    const types = tiers.get(tier) ?? new Map<string, number>();
    types.set(r.type, (types.get(r.type) ?? 0) + 1);
    tiers.set(tier, types);
  }
  return [...tiers.keys()]
    .sort((a, b) => (a === "stack" ? 1 : b === "stack" ? -1 : a.localeCompare(b)))
    .map((tier) => {
      const types = tiers.get(tier)!;
      return {
        tier,
        total: [...types.values()].reduce((a, b) => a + b, 0),
        types: [...types.entries()].sort(([a], [b]) => a.localeCompare(b)),
      };
    });
}

function formatResources(doc: PlanDocument): string[] {
  const lines = ["Resources by tier and type:"];
  for (const { tier, total, types } of resourcesByTier(doc)) {
    lines.push(`  ${tier} (${total})`);
    for (const [type, n] of types) lines.push(`    ${String(n).padStart(4)}  ${type}`);
  }
  lines.push(`  total: ${doc.resources.length}`);
  return lines;
}

/** Violations grouped by policy, mandatory first. */
export function formatPolicies(packs: readonly PlanPack[]): string[] {
  if (packs.length === 0) return ["Policies: no policy packs found."];
  const lines = ["Policies:"];
  for (const pack of packs) {
    const mandatory = pack.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    lines.push(
      `  ${pack.name}@${pack.version}: ${pack.policies.length} policies, ${mandatory} mandatory and ${pack.violations.length - mandatory} advisory violations`,
    );
    for (const [policy, violations] of violationsByPolicy(pack)) {
      lines.push(`    [${violations[0].enforcementLevel}] ${policy} (${violations.length})`);
      for (const v of violations) lines.push(`      - ${v.urn ?? "(stack)"}: ${v.message}`);
    }
  }
  return lines;
}

/** A pack's violations grouped by policy, mandatory policies first, then by name. */
export function violationsByPolicy(pack: PlanPack): [policy: string, violations: PlanPack["violations"]][] {
  const byPolicy = new Map<string, PlanPack["violations"]>();
  for (const v of pack.violations) byPolicy.set(v.policy, [...(byPolicy.get(v.policy) ?? []), v]);
  return [...byPolicy.entries()].sort(
    ([a, va], [b, vb]) => Number(vb[0].enforcementLevel === "mandatory") - Number(va[0].enforcementLevel === "mandatory") || a.localeCompare(b),
  );
}

/** The outputs as `key: JSON` pairs, two levels deep, long values cut at 160 characters (secrets are already masked). */
export function flatten(value: unknown, prefix = "", depth = 0): [string, string][] {
  if (value && typeof value === "object" && !Array.isArray(value) && depth < 2) {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k, depth + 1));
  }
  const text = JSON.stringify(value);
  return [[prefix, text.length > 160 ? `${text.slice(0, 157)}...` : text]];
}
