import { describe, expect, it } from "vitest";
import { runPacksDetailed } from "../../policies/runner";
import { STACKS, loadPlan } from "../support/plans";
import { OPEN_DEFECTS, isOpenDefect } from "./openDefects";

describe.each(STACKS)("the recorded %s plan", (stack) => {
  it("has no mandatory violation (other than the listed open defects) and lists its advisory ones", async () => {
    const doc = loadPlan(stack);
    const run = await runPacksDetailed(doc.resources, stack, { outputs: doc.outputs });
    const violations = run.packs.flatMap((p) => p.violations);
    const advisory = violations.filter((v) => v.enforcementLevel === "advisory");
    const open = violations.filter((v) => v.enforcementLevel === "mandatory" && isOpenDefect(v));
    console.log(
      [
        `${stack}: ${advisory.length} advisory violation(s)`,
        ...advisory.map((v) => `  [advisory] ${v.policy}: ${v.urn?.split("::").pop()}: ${v.message}`),
        ...open.map((v) => `  [open defect] ${v.policy}: ${v.urn?.split("::").pop()} (${OPEN_DEFECTS.find((d) => d.policy === v.policy)?.why})`),
      ].join("\n"),
    );
    expect(violations.filter((v) => v.enforcementLevel === "mandatory" && !isOpenDefect(v))).toEqual([]);
    expect(run.skipped).toEqual([]);
    if (stack === "prod") expect(advisory).toEqual([]);
  });
});
