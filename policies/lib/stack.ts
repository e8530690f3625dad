import type { PolicyResource } from "@pulumi/policy";
import { TypeRef, tokenOf } from "./tokens";
import { known } from "./unknown";

/**
 * The resources a stack policy sees, indexed by type, with the references between them.
 * A reference is read from `propertyDependencies` (what the engine records for each
 * input that came from another resource's output); when a program passed a plain value
 * instead, it falls back to matching the value against the target's `id`, `arn`, `name`
 * or `bucket`.
 */
export class StackIndex {
  private readonly byType = new Map<string, PolicyResource[]>();

  constructor(readonly resources: readonly PolicyResource[]) {
    for (const r of resources) {
      const list = this.byType.get(r.type);
      if (list) list.push(r);
      else this.byType.set(r.type, [r]);
    }
  }

  /** Every resource of any of these types, in stack order. */
  ofType(...types: TypeRef[]): PolicyResource[] {
    if (types.length === 1) return [...(this.byType.get(tokenOf(types[0])) ?? [])];
    const tokens = new Set(types.map(tokenOf));
    return this.resources.filter((r) => tokens.has(r.type));
  }

  /** True when the stack has a resource of any of these types. */
  has(...types: TypeRef[]): boolean {
    return types.some((t) => (this.byType.get(tokenOf(t))?.length ?? 0) > 0);
  }

  /** The resources of these types that the input `prop` of `from` refers to. */
  refs(from: PolicyResource, prop: string, ...types: TypeRef[]): PolicyResource[] {
    const tokens = new Set(types.map(tokenOf));
    const direct = (from.propertyDependencies?.[prop] ?? []).filter((r) => tokens.has(r.type));
    if (direct.length > 0) return direct;
    const values = new Set(known(() => strings(from.props[prop])) ?? []);
    if (values.size === 0) return [];
    return this.ofType(...types).filter((target) => identifiers(target).some((id) => values.has(id)));
  }

  /** The resources of these types whose input `prop` refers to `target`. */
  referrers(target: PolicyResource, prop: string, ...types: TypeRef[]): PolicyResource[] {
    return this.ofType(...types).filter((r) => this.refs(r, prop, target.type).includes(target));
  }
}

/** Every string inside a value, depth first. */
export function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

function identifiers(r: PolicyResource): string[] {
  return ["id", "arn", "name", "bucket"].flatMap((k) => {
    const v = known(() => r.props[k]);
    return typeof v === "string" && v.length > 0 ? [v] : [];
  });
}

/** A short readable name for a resource in a message: `type-name 'logical-name'`. */
export function label(r: Pick<PolicyResource, "type" | "name">): string {
  const kind = r.type.split(":").pop() ?? r.type;
  return `${kind} '${r.name}'`;
}
