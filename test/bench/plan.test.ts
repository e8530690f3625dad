import { describe, expect, it } from "vitest";
import { TARGETS, targetLines } from "../../bench/plan";
import type { ScalingRow } from "../../bench/scaling";

const row = (services: number, ms: number, mb: number): ScalingRow => ({
  services,
  resources: services * 37,
  measured: { ms: { min: ms, median: ms, max: ms }, rssMb: { min: mb, median: mb, max: mb }, last: { ms, rssMb: mb, status: 0, stdout: "" } },
});

describe("bench targets", () => {
  it("are issue 14's: the prod plan within 2x the floor, 100 services under 5 s and 500 MB", () => {
    expect(TARGETS).toEqual({ floorRatio: 2, services: 100, ms: 5000, mb: 500 });
  });

  it("report each measured figure against its target", () => {
    expect(targetLines(1.48, [row(30, 1600, 211), row(100, 2430, 385)])).toEqual([
      "target: prod plan at most 2x the floor       1.48x: met",
      "target: 100 services under 5 s and 500 MB    2.43 s, 385 MB: met",
    ]);
    expect(targetLines(2.13, [row(100, 5666, 680)])).toEqual([
      "target: prod plan at most 2x the floor       2.13x: NOT MET",
      "target: 100 services under 5 s and 500 MB    5.67 s, 680 MB: NOT MET",
    ]);
    expect(targetLines(1.9, [row(100, 4900, 520)])[1]).toMatch(/520 MB: NOT MET$/);
  });
});
