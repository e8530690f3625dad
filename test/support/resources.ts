import type { PlanDocument, PlanResource } from "../../tools/plan/types";

/** The resources directly or transitively under the component with this URN. */
export function under(doc: PlanDocument, componentUrn: string): PlanResource[] {
  const byUrn = new Map(doc.resources.map((r) => [r.urn, r]));
  const inside = (r: PlanResource): boolean => {
    for (let p = r.parent; p; p = byUrn.get(p)?.parent ?? null) if (p === componentUrn) return true;
    return false;
  };
  return doc.resources.filter(inside);
}

/** The one component of this type and logical name. */
export function component(doc: PlanDocument, type: string, name: string): PlanResource {
  const found = doc.resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} ${name}, found ${found.length}`);
  return found[0];
}

/** Kubernetes objects (every resource whose type token is `kubernetes:<group/version>:<Kind>`, Helm releases aside). */
export function kubernetesObjects(doc: PlanDocument): PlanResource[] {
  return doc.resources.filter((r) => r.type.startsWith("kubernetes:") && r.type !== "kubernetes:helm.sh/v3:Release");
}

/** A nested input value by path. */
export function at(r: PlanResource, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), r.inputs);
}

/** Whether `selector.matchLabels` selects pods with `labels`. */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  const match = (selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels ?? {};
  return Object.entries(match).every(([k, v]) => labels[k] === v);
}
