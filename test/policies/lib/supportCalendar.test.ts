import { describe, expect, it } from "vitest";
import { ROTATION_RUNTIME } from "../../../components/data/Cache";
import {
  DEFAULT_AS_OF,
  SUPPORT_CALENDAR,
  SupportProductKey,
  compareVersions,
  istioSupportsKubernetes,
  lambdaRuntimeCycle,
  supportProblem,
} from "../../../policies/lib/supportCalendar";
import { EKS_VERSIONS } from "../../../components/cluster/versions";
import { DB_ENGINE_VERSIONS, DEFAULT_ENGINE_VERSION } from "../../../components/data/settings";
import { PROFILES } from "../../../stacks/profiles";

const shared = PROFILES.prod as { cluster: { version: string }; mesh: { istioVersion: string } };
const lambda = (runtime: string) => {
  const c = lambdaRuntimeCycle(runtime)!;
  return supportProblem(c.product, c.version, DEFAULT_AS_OF);
};

describe("the support calendar", () => {
  it("is dated today (2026-12-02) by default, with valid dates in release order", () => {
    expect(DEFAULT_AS_OF).toBe("2026-12-02");
    for (const [key, p] of Object.entries(SUPPORT_CALENDAR)) {
      const cycles = [...p.cycles];
      for (const c of cycles) expect([key, c.cycle, /^\d{4}-\d{2}-\d{2}$/.test(c.end) && !Number.isNaN(Date.parse(c.end))]).toEqual([key, c.cycle, true]);
      expect([key, cycles.map((c) => c.cycle)]).toEqual([key, [...cycles].sort((a, b) => compareVersions(a.cycle, b.cycle)).map((c) => c.cycle)]);
      expect(p.source.length).toBeGreaterThan(10);
    }
  });

  it("fails the versions this program used before (nodejs20.x, EKS 1.32 and 1.33, Istio 1.27.3, MySQL 8.0)", () => {
    expect(lambda("nodejs20.x")).toBe("Lambda runtime nodejs 20 left standard support on 2026-04-30 (calendar as of 2026-12-02); move to a supported release.");
    expect(supportProblem("eks", "1.32", DEFAULT_AS_OF)).toMatch(/^EKS Kubernetes version 1.32 left standard support on 2026-03-23/);
    expect(supportProblem("eks", "1.33", DEFAULT_AS_OF)).toMatch(/^EKS Kubernetes version 1.33 left standard support on 2026-07-29/);
    expect(supportProblem("istio", "1.27.3", DEFAULT_AS_OF)).toMatch(/^Istio minor version 1.27.3 left standard support on 2026-03-30/);
    expect(supportProblem("rds:mysql", "8.0", DEFAULT_AS_OF)).toMatch(/^RDS for MySQL major version 8.0 left standard support on 2026-07-31/);
  });

  it("passes what the program uses now", () => {
    expect(lambda(ROTATION_RUNTIME)).toBeUndefined();
    expect(ROTATION_RUNTIME).toBe("nodejs24.x");
    for (const v of Object.keys(EKS_VERSIONS)) expect([v, supportProblem("eks", v, DEFAULT_AS_OF)]).toEqual([v, undefined]);
    expect(Object.keys(EKS_VERSIONS)).toContain(shared.cluster.version);
    expect(supportProblem("istio", shared.mesh.istioVersion, DEFAULT_AS_OF)).toBeUndefined();
    for (const engine of ["postgres", "mysql"] as const) {
      const product: SupportProductKey = engine === "postgres" ? "rds:postgres" : "rds:mysql";
      for (const v of DB_ENGINE_VERSIONS[engine]) expect([engine, v, supportProblem(product, v, DEFAULT_AS_OF)]).toEqual([engine, v, undefined]);
      expect(DB_ENGINE_VERSIONS[engine]).toContain(DEFAULT_ENGINE_VERSION[engine]);
    }
    expect(DEFAULT_ENGINE_VERSION).toEqual({ postgres: "16", mysql: "8.4" });
  });

  it("pins an Istio release whose support matrix covers every EKS version offered", () => {
    for (const v of Object.keys(EKS_VERSIONS)) expect([v, istioSupportsKubernetes(shared.mesh.istioVersion, v)]).toEqual([v, true]);
    expect(istioSupportsKubernetes("1.27.3", "1.35")).toBe(false);
    expect(istioSupportsKubernetes("9.9.0", "1.35")).toBe(false);
  });

  it("decides unlisted versions: newer than the newest passes, older than the oldest or in a gap fails", () => {
    expect(supportProblem("eks", "1.36", DEFAULT_AS_OF)).toBeUndefined();
    expect(lambda("nodejs26.x")).toBeUndefined();
    expect(supportProblem("eks", "1.20", DEFAULT_AS_OF)).toBe("EKS Kubernetes version 1.20 is older than 1.29, the oldest the support calendar lists, so it is long out of standard support.");
    expect(supportProblem("rds:mysql", "8.1", DEFAULT_AS_OF)).toBe("RDS for MySQL major version 8.1 is not a release the support calendar knows (known: 5.7, 8.0, 8.4).");
    expect(supportProblem("rds:postgres", "latest", DEFAULT_AS_OF)).toBe('RDS for PostgreSQL major version "latest" is not a version the support calendar can read.');
    expect(supportProblem("eks", "1.35", "next week")).toBe('the support calendar\'s as-of date "next week" is not a YYYY-MM-DD date.');
    expect(lambdaRuntimeCycle("go1.x")).toBeUndefined();
    expect(lambdaRuntimeCycle("java8.al2")).toEqual({ product: "lambda:java", version: "8" });
    expect(lambdaRuntimeCycle("provided.al2023")).toEqual({ product: "lambda:provided", version: "2023" });
  });

  it("judges at the as-of date: support ends on the listed day", () => {
    expect(supportProblem("eks", "1.35", "2027-03-26")).toBeUndefined();
    expect(supportProblem("eks", "1.35", "2027-03-27")).toMatch(/left standard support on 2027-03-27/);
  });
});
