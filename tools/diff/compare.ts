import type { PlanDocument, PlanResource } from "../plan/types";
import { nameOf, qualifiedTypeOf, resourceUrn, ROOT_STACK_TYPE, rootStackUrn } from "../plan/urn";
import { forcesReplacement, replacePathsOf, STATEFUL_TYPES } from "./replace";

/** What would happen to one resource between the base plan and the head plan. */
export type ChangeKind = "create" | "update" | "replace" | "delete";

export interface ResourceChange {
  readonly kind: ChangeKind;
  /** The head URN (the base URN for a delete). */
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** The base URN when it differs from `urn` (an alias, or a change of type or parent). */
  readonly from: string | null;
  /** Changed input paths, e.g. `tags.Owner`, `vpcConfig.subnetIds[1]`; empty for creates and deletes. */
  readonly paths: string[];
  /** Why it is replaced: the replace-on-change paths that changed, or a type, parent or provider change. */
  readonly reasons: string[];
  readonly stateful: boolean;
  /** `protect` in either plan. */
  readonly protect: boolean;
  /** `retainOnDelete` in the base plan: a delete leaves the cloud resource in place. */
  readonly retainOnDelete: boolean;
  /** A stateful or protected resource that would be deleted or replaced. */
  readonly flagged: boolean;
}

export interface PlanDiff {
  readonly base: { readonly project: string; readonly stack: string; readonly resources: number };
  readonly head: { readonly project: string; readonly stack: string; readonly resources: number };
  /** Every change, sorted by kind (create, update, replace, delete) and then by URN. */
  readonly changes: ResourceChange[];
  readonly unchanged: number;
  readonly counts: Readonly<Record<ChangeKind, number>> & { readonly flagged: number };
}

const KIND_ORDER: readonly ChangeKind[] = ["create", "update", "replace", "delete"];

/**
 * Compares two version-1 plans by URN. A head resource that names a base URN among its
 * `aliases`, or inherits one from its parent's alias (see {@link aliasUrns}), is the same
 * resource. A base and a head resource that do not match but have
 * the same name, and the same parent with another type or the same type under another
 * parent, are one resource whose URN changed without an alias: Pulumi deletes and
 * creates it, so it is reported as a replacement.
 */
export function diffPlans(base: PlanDocument, head: PlanDocument): PlanDiff {
  const baseByUrn = new Map(base.resources.map((r) => [r.urn, r]));
  const pairs: { before: PlanResource; after: PlanResource; moved: "alias" | "type" | "parent" | null }[] = [];
  const creates: PlanResource[] = [];
  const matched = new Set<string>();

  // Parents before children (a child's URN extends its parent's qualified type), so a child
  // can inherit the old URN its parent was matched to, as the engine does.
  const oldUrnOf = new Map<string, string>();
  const depth = (r: PlanResource) => qualifiedTypeOf(r.urn).split("$").length;
  for (const after of [...head.resources].sort((a, b) => depth(a) - depth(b))) {
    const same = baseByUrn.get(after.urn);
    if (same) {
      pairs.push({ before: same, after, moved: null });
      matched.add(same.urn);
      continue;
    }
    const aliased = aliasUrns(after, head, oldUrnOf).map((u) => baseByUrn.get(u)).find((r) => r && !matched.has(r.urn));
    if (aliased) {
      pairs.push({ before: aliased, after, moved: "alias" });
      matched.add(aliased.urn);
      oldUrnOf.set(after.urn, aliased.urn);
    } else {
      creates.push(after);
    }
  }
  creates.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));

  // URN changes without an alias: pair what is left by name.
  const leftover = base.resources.filter((r) => !matched.has(r.urn));
  const stillCreated: PlanResource[] = [];
  for (const after of creates) {
    const before =
      leftover.find((b) => !matched.has(b.urn) && b.name === after.name && b.parent === after.parent && b.type !== after.type) ??
      leftover.find((b) => !matched.has(b.urn) && b.name === after.name && b.type === after.type && b.parent !== after.parent);
    if (before) {
      pairs.push({ before, after, moved: before.type !== after.type ? "type" : "parent" });
      matched.add(before.urn);
    } else {
      stillCreated.push(after);
    }
  }

  const changes: ResourceChange[] = [];
  for (const after of stillCreated) changes.push(change("create", after, null, [], []));
  for (const before of base.resources) if (!matched.has(before.urn)) changes.push(change("delete", before, null, [], [], before));

  // A replaced resource gets new outputs (unknown during a preview), so the inputs of its
  // dependents that come from it change too, and may force their own replacement; a
  // replaced provider replaces everything it manages. Repeat until nothing new is replaced.
  const evaluated = pairs.map((p) => ({ ...p, ...evaluate(p.before, p.after, p.moved), seen: new Set<string>() }));
  const byUrn = new Map(evaluated.map((e) => [e.after.urn, e]));
  const replaced = new Set(evaluated.filter((e) => e.reasons.length > 0).map((e) => e.after.urn));
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of evaluated) {
      if (replaced.has(e.after.urn)) continue;
      const fresh = [...e.after.dependencies, ...(e.after.provider ? [e.after.provider] : [])].filter((u) => replaced.has(u) && !e.seen.has(u));
      if (fresh.length === 0) continue;
      for (const u of fresh) e.seen.add(u);
      if (e.after.provider && fresh.includes(e.after.provider)) e.reasons.push(`provider ${shortUrn(e.after.provider)} is replaced`);
      const ignored = e.after.options.ignoreChanges;
      const sources = new Map<string, string[]>();
      for (const u of fresh) {
        const source = byUrn.get(u);
        if (!source || u === e.after.provider) continue;
        const paths = referencingPaths(e.after.inputs, source.after.name).filter((p) => !ignored.some((i) => forcesReplacement(p, i)));
        for (const p of paths) if (!e.paths.includes(p)) e.paths.push(p);
        for (const prop of new Set(paths.flatMap((p) => replacePathsOf(e.after.type).filter((prop) => forcesReplacement(p, prop))))) {
          sources.set(prop, [...(sources.get(prop) ?? []), shortUrn(u)]);
        }
      }
      for (const [prop, from] of [...sources.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        e.reasons.push(`${prop} forces replacement (it comes from ${from.join(", ")}, which ${from.length === 1 ? "is" : "are"} replaced)`);
      }
      if (e.reasons.length > 0) {
        replaced.add(e.after.urn);
        grew = true;
      }
    }
  }
  for (const e of evaluated) {
    if (e.reasons.length > 0) changes.push(change("replace", e.after, e.before, e.paths, e.reasons));
    else if (e.paths.length > 0 || e.moved) changes.push(change("update", e.after, e.before, e.paths, []));
  }

  changes.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  const count = (k: ChangeKind) => changes.filter((c) => c.kind === k).length;
  return {
    base: { project: base.project, stack: base.stack, resources: base.resources.length },
    head: { project: head.project, stack: head.stack, resources: head.resources.length },
    changes,
    unchanged: pairs.length - count("update") - count("replace"),
    counts: { create: count("create"), update: count("update"), replace: count("replace"), delete: count("delete"), flagged: changes.filter((c) => c.flagged).length },
  };
}

function evaluate(before: PlanResource, after: PlanResource, moved: "alias" | "type" | "parent" | null): { paths: string[]; reasons: string[] } {
  // `ignoreChanges` paths keep their old value in the engine, so they never differ.
  const ignored = after.options.ignoreChanges;
  const paths = changedPaths(before.inputs, after.inputs).filter((p) => !ignored.some((i) => forcesReplacement(p, i)));
  if (before.parent !== after.parent) paths.unshift("(parent)");
  if (before.provider !== after.provider) paths.unshift("(provider)");
  const reasons: string[] = [];
  if (moved === "type") reasons.push(`type changed from ${before.type} (URN changed without an alias)`);
  if (moved === "parent") reasons.push(`parent changed from ${before.parent ? shortUrn(before.parent) : "(none)"} (URN changed without an alias)`);
  if (before.provider !== after.provider) reasons.push(`provider changed from ${before.provider ? shortUrn(before.provider) : "(default)"}`);
  const replaceProps = replacePathsOf(after.type);
  const forcing = [...new Set(paths.flatMap((p) => replaceProps.filter((prop) => forcesReplacement(p, prop))))].sort();
  for (const prop of forcing) reasons.push(`${prop} forces replacement`);
  return { paths, reasons };
}

function change(kind: ChangeKind, r: PlanResource, before: PlanResource | null, paths: string[], reasons: string[], base: PlanResource = before ?? r): ResourceChange {
  const stateful = STATEFUL_TYPES.has(r.type) || (before !== null && STATEFUL_TYPES.has(before.type));
  const protect = r.options.protect || (before?.options.protect ?? false);
  return {
    kind,
    urn: r.urn,
    type: r.type,
    name: r.name,
    from: before && before.urn !== r.urn ? before.urn : null,
    paths,
    reasons,
    stateful,
    protect,
    retainOnDelete: kind === "create" ? false : base.options.retainOnDelete,
    flagged: (kind === "delete" || kind === "replace") && (stateful || protect),
  };
}

/**
 * The input paths that differ between two values: object keys joined with `.`, array
 * indexes as `[i]`. Masked secrets compare equal (the plan cannot see them); a value
 * that becomes or stops being unknown counts as changed.
 */
export function changedPaths(before: unknown, after: unknown, prefix = ""): string[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => changedPaths(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) out.push(...changedPaths(before[i], after[i], `${prefix}[${i}]`));
    return out;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix || "(inputs)"];
}

/**
 * The input paths whose string values come from the resource named `name`: the offline
 * plan's mocks make every output from the logical name (`<name>-id`, ARNs ending in
 * `/<name>`, endpoints containing `.<name>.`), so a value holding the name as a whole
 * word, alone or followed by an id suffix, is taken from that resource.
 */
export function referencingPaths(value: unknown, name: string, prefix = ""): string[] {
  if (typeof value === "string") {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = new RegExp(`(^|[^A-Za-z0-9-])${escaped}(-id|-key-id|-alloc|-uuid|-provider-id|-cluster)?($|[^A-Za-z0-9-])`);
    return pattern.test(value) ? [prefix || "(inputs)"] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => referencingPaths(v, name, `${prefix}[${i}]`));
  if (isObject(value)) return Object.keys(value).sort().flatMap((k) => referencingPaths(value[k], name, prefix ? `${prefix}.${k}` : k));
  return [];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The URNs a head resource may have had in the base plan, with the engine's rule
 * (`generateAliases` of its step generator):
 *
 * - each of its own aliases: a whole URN, or a spec whose empty fields are the resource's
 *   own (name, type, stack, project, parent); `noParent`, or the root stack as the parent,
 *   means a child of the stack; a parent that was itself matched through an alias stands
 *   for the old URN it was matched to;
 * - when its parent was matched through an alias (`oldUrnOf`: head URN to base URN), the
 *   resource under that old parent, for itself and for each of its aliases: the engine
 *   carries a parent's alias to every child, so the children of a moved component need no
 *   aliases of their own. A child whose name starts with the parent's name gets the old
 *   parent's name in its place (the `<parent>-<role>` convention).
 */
export function aliasUrns(r: PlanResource, doc: Pick<PlanDocument, "project" | "stack">, oldUrnOf: ReadonlyMap<string, string> = new Map()): string[] {
  const root = rootStackUrn(doc.stack, doc.project);
  const urnOf = (parent: string | null, type: string, name: string) => resourceUrn(doc.stack, doc.project, parent, type, name);
  const own: { type: string; name: string; urn: string }[] = [];
  for (const alias of r.options.aliases as { urn?: string; spec?: Record<string, unknown> }[]) {
    if (typeof alias?.urn === "string" && alias.urn) {
      own.push({ type: typeOf(alias.urn), name: nameOf(alias.urn), urn: alias.urn });
      continue;
    }
    const spec = alias?.spec;
    if (!spec) continue;
    const str = (k: string) => (typeof spec[k] === "string" && spec[k] ? (spec[k] as string) : undefined);
    const name = str("name") ?? r.name;
    const type = str("type") ?? r.type;
    const stack = str("stack") ?? doc.stack;
    const project = str("project") ?? doc.project;
    let parent = str("parenturn") ?? str("parentUrn") ?? r.parent;
    if (parent) parent = oldUrnOf.get(parent) ?? parent;
    if (spec.noparent === true || spec.noParent === true || !parent || typeOf(parent) === ROOT_STACK_TYPE) parent = rootStackUrn(stack, project);
    own.push({ type, name, urn: resourceUrn(stack, project, parent, type, name) });
  }
  const out = own.map((a) => a.urn);
  const oldParent = r.parent ? oldUrnOf.get(r.parent) : undefined;
  if (r.parent && oldParent && oldParent !== root) {
    const parentName = nameOf(r.parent);
    const renamed = (name: string) => (name.startsWith(parentName) ? nameOf(oldParent) + name.slice(parentName.length) : name);
    for (const { type, name } of [{ type: r.type, name: r.name }, ...own]) out.push(urnOf(oldParent, type, renamed(name)));
  }
  return [...new Set(out)];
}

/** The type of a URN (the last part of its qualified type). */
function typeOf(urn: string): string {
  const types = qualifiedTypeOf(urn).split("$");
  return types[types.length - 1];
}

/** `type::name` of a URN, for messages. */
export function shortUrn(urn: string): string {
  const parts = urn.split("::");
  const types = parts.slice(2, -1).join("::").split("$");
  return `${types[types.length - 1]}::${parts[parts.length - 1]}`;
}
