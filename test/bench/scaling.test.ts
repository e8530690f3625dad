import { describe, expect, it } from "vitest";
import { formatScaling, generatedServices, marginal, type ScalingRow } from "../../bench/scaling";
import { spread } from "../../bench/timing";

const row = (services: number, ms: number, mb: number, resources: number): ScalingRow => ({
  services,
  resources,
  measured: { ms: { min: ms - 10, median: ms, max: ms + 10 }, rssMb: { min: mb, median: mb, max: mb }, last: { ms, rssMb: mb, status: 0, stdout: "" } },
});

describe("bench", () => {
  it("summarises runs as min, a measured median and max", () => {
    expect(spread([30, 10, 20])).toEqual({ min: 10, median: 20, max: 30 });
    expect(spread([40, 10, 30, 20])).toEqual({ min: 10, median: 20, max: 40 });
    expect(spread([5])).toEqual({ min: 5, median: 5, max: 5 });
  });

  it("prices each added service in ms, MB of peak RSS and resources, from the medians", () => {
    const rows = [row(3, 2000, 300, 500), row(30, 4700, 381, 1310), row(100, 11700, 591, 3410)];
    expect(marginal(rows[0], rows[1])).toEqual({ ms: 100, mb: 3, resources: 30 });
    expect(marginal(rows[1], rows[2])).toEqual({ ms: 100, mb: 3, resources: 30 });
    const lines = formatScaling(rows);
    expect(lines[0]).toMatch(/^plan dev, 3 services \(500 resources\) +1990\/2000\/2010 ms +300 MB$/);
    expect(lines.slice(3)).toEqual([
      "per added service, 3 -> 30:                  +100.0 ms, +3.00 MB, +30.0 resources",
      "per added service, 30 -> 100:                +100.0 ms, +3.00 MB, +30.0 resources",
    ]);
  });

  it("generates a chain of valid services", () => {
    const s = generatedServices(3) as Record<string, { callers: string[]; image: string }>;
    expect(Object.keys(s)).toEqual(["svc-000", "svc-001", "svc-002"]);
    expect(s["svc-000"].callers).toEqual(["svc-001"]);
    expect(s["svc-002"].callers).toEqual([]);
    expect(s["svc-001"].image).toBe("ghcr.io/platform-team/svc-001:1.0.0");
  });
});
