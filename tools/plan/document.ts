import type { Recording } from "./record";
import type { PlanDocument, PlanPack, PlanResource } from "./types";

/** Assembles the version-1 plan document from a recording and the packs' results. */
export function buildDocument(stack: string, recording: Recording, packs: PlanPack[]): PlanDocument {
  const byType: Record<string, number> = {};
  for (const r of recording.resources) byType[r.type] = (byType[r.type] ?? 0) + 1;
  const count = (level: string) => packs.reduce((n, p) => n + p.violations.filter((v) => v.enforcementLevel === level).length, 0);
  return {
    version: 1,
    project: "platform",
    stack,
    resources: recording.resources,
    outputs: recording.outputs,
    policies: { packs },
    summary: {
      resources: recording.resources.length,
      byType: Object.fromEntries(Object.entries(byType).sort(([a], [b]) => (a < b ? -1 : 1))),
      mandatoryViolations: count("mandatory"),
      advisoryViolations: count("advisory"),
      secrets: recording.secrets,
    },
  };
}

/**
 * The tier a resource belongs to: the top-level component above it (e.g. `network`), or
 * `stack` for what sits directly under the stack (providers, the stack itself).
 */
export function tierOf(resource: PlanResource, byUrn: ReadonlyMap<string, PlanResource>): string {
  let current = resource;
  for (;;) {
    const parent = current.parent ? byUrn.get(current.parent) : undefined;
    if (!parent || parent.type === "pulumi:pulumi:Stack") {
      return current.custom || current.type === "pulumi:pulumi:Stack" ? "stack" : current.name;
    }
    current = parent;
  }
}
