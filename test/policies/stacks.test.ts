import { describe, expect, it } from "vitest";
import { runPacksDetailed } from "../../tools/runner";
import { STACKS, loadPlan } from "../support/plans";

describe.each(STACKS)("the recorded %s plan", (stack) => {
  it("has no mandatory violation, no policy blocked by an unknown value, and lists its advisory ones", async () => {
    const doc = loadPlan(stack);
    const run = await runPacksDetailed(doc.resources, stack, { outputs: doc.outputs });
    const violations = run.packs.flatMap((p) => p.violations);
    const advisory = violations.filter((v) => v.enforcementLevel === "advisory");
    console.log([`${stack}: ${advisory.length} advisory violation(s)`, ...advisory.map((v) => `  [advisory] ${v.policy}: ${v.urn?.split("::").pop()}: ${v.message}`)].join("\n"));
    expect(violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
    expect(violations.filter((v) => v.message.startsWith("can't run policy"))).toEqual([]);
    // In prod every policy is mandatory, so nothing can be advisory.
    if (stack === "prod") expect(advisory).toEqual([]);
  });
});
