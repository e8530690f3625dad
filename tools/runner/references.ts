import { MOCK_ACCOUNT, arnParts, COMPUTED } from "../plan/mocks";
import type { PlanResource } from "../plan/types";

/**
 * The values by which other resources' inputs refer to `r` in an offline plan: the mock
 * gives each resource the ID `<name>-id`, an ARN made from its name, and a few computed
 * outputs (a KMS key's `keyId`, an EIP's `allocationId`, a log group's `name`).
 */
export function referenceTokens(r: PlanResource, region: string): string[] {
  const cached = tokenCache.get(r);
  if (cached?.region === region) return cached.tokens;
  const tokens = computeTokens(r, region);
  tokenCache.set(r, { region, tokens });
  return tokens;
}

const tokenCache = new WeakMap<PlanResource, { region: string; tokens: string[] }>();

function computeTokens(r: PlanResource, region: string): string[] {
  const id = r.type.startsWith("pulumi:providers:") ? `${r.name}-provider-id` : `${r.name}-id`;
  const parts = arnParts(r.type);
  const arn = parts ? `arn:aws:${parts.service}:${region}:${MOCK_ACCOUNT}:${parts.kind}/${r.name}` : undefined;
  const computed = COMPUTED[r.type]?.(r.name, r.inputs, { region, arn: arn ?? "", id }) ?? {};
  const values = [id, r.urn, ...(arn ? [arn] : []), ...Object.values(computed).filter((v): v is string => typeof v === "string")];
  return [...new Set(values.filter((v) => v.length > 0))];
}

/** True when `text` is `token`, or contains it with no name character on either side. */
export function mentions(text: string, token: string): boolean {
  let at = text.indexOf(token);
  while (at >= 0) {
    const before = at === 0 ? "" : text[at - 1];
    const after = text[at + token.length] ?? "";
    if (!/[A-Za-z0-9_-]/.test(before) && !/[A-Za-z0-9_-]/.test(after)) return true;
    at = text.indexOf(token, at + 1);
  }
  return false;
}

/** Every resource of a plan by each of its reference tokens. */
export type TokenIndex = ReadonlyMap<string, readonly PlanResource[]>;

/** Indexes a plan's resources by their reference tokens. */
export function tokenIndex(resources: readonly PlanResource[], region: string): TokenIndex {
  const index = new Map<string, PlanResource[]>();
  for (const r of resources) for (const t of referenceTokens(r, region)) index.set(t, [...(index.get(t) ?? []), r]);
  return index;
}

/**
 * Which resources feed which top-level input: the `propertyDependencies` the engine
 * records, rebuilt from a plan (which keeps only each resource's `dependencies`). A
 * recorded dependency feeds an input when one of its reference tokens appears in the
 * input's strings; and any resource of the plan feeds an input whose string is exactly
 * one of its tokens (optionally with a `:*` or `/*` suffix), so a hand-edited reference in
 * a saved plan is followed even though its `dependencies` were not edited.
 */
export function propertyDependencies(r: PlanResource, byUrn: ReadonlyMap<string, PlanResource>, region: string, index?: TokenIndex): Record<string, string[]> {
  const deps = r.dependencies.map((u) => byUrn.get(u)).filter((d): d is PlanResource => d !== undefined);
  const result: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(r.inputs)) {
    const texts = strings(value);
    const urns = new Set(deps.filter((d) => referenceTokens(d, region).some((t) => texts.some((s) => mentions(s, t)))).map((d) => d.urn));
    for (const text of texts) for (const d of index?.get(text.replace(/(:\*|\/\*)$/, "")) ?? []) if (d !== r) urns.add(d.urn);
    if (urns.size > 0) result[key] = [...urns].sort();
  }
  return result;
}

/** Every string inside a value, depth first. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
  return out;
}
