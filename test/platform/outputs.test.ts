import { describe, expectTypeOf, it } from "vitest";
import { type OutputTiers, stackOutputs } from "../../platform/outputs";
import type { Settings } from "../../stacks";
import type { StackOutputs } from "../../stacks/outputs";

// Type-level checks: `npm test` type-checks this file first (tsc), so a drift fails there.
describe("stackOutputs", () => {
  it("returns exactly the outputs contract", () => {
    expectTypeOf(stackOutputs).returns.toEqualTypeOf<StackOutputs>();
  });

  it("reads the settings' environment and region and the tiers that have outputs, nothing else", () => {
    expectTypeOf(stackOutputs).parameter(0).toEqualTypeOf<Pick<Settings, "environment" | "region">>();
    expectTypeOf<keyof OutputTiers>().toEqualTypeOf<"network" | "cluster" | "mesh" | "services" | "data" | "observability" | "edge" | "cdn" | "alarms">();
  });
});
