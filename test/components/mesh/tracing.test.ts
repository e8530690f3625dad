import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { istiodValues } from "../../../components/mesh/values";
import type { PlanDocument } from "../../../tools/plan/types";
import { runPlan } from "../../support/run";

const COLLECTOR = "otel-collector.observability.svc.cluster.local";
// A collector in a namespace the stack does not deploy.
const ELSEWHERE = "jaeger-collector.tracing.svc.cluster.local";
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-tracing-")), "dev.json");
// dev with a collector configured that the stack does not deploy.
const run = runPlan("--stack", "dev", "--quiet", "--json", file, "--config", `mesh.tracingCollector=${ELSEWHERE}:4317`);

describe("tracing", () => {
  it("names the collector in the mesh config only when one is configured", () => {
    const off = istiodValues({ replicas: 2 }).meshConfig as Record<string, unknown>;
    expect([off.enableTracing, off.extensionProviders]).toEqual([false, undefined]);
    const on = istiodValues({ replicas: 2, tracing: { host: COLLECTOR, port: 4317 } }).meshConfig as Record<string, unknown>;
    expect([on.enableTracing, on.extensionProviders]).toEqual([true, [{ name: "otel-tracing", opentelemetry: { service: COLLECTOR, port: 4317 } }]]);
  });

  it("a configured collector the plan does not deploy is a mandatory violation at each place that names it", async () => {
    const r = await run;
    expect(r.status).toBe(1);
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as PlanDocument;
    const found = doc.policies.packs
      .flatMap((p) => p.violations)
      .filter((v) => v.policy === "kubernetes-core-service-reference-exists")
      .map((v) => [v.enforcementLevel, v.urn!.split("::").pop()]);
    expect(found).toEqual([
      ["mandatory", "mesh-istiod"],
      ["mandatory", "order-pod-sidecar"],
      ["mandatory", "product-pod-sidecar"],
      ["mandatory", "user-pod-sidecar"],
    ]);
    expect(doc.policies.packs.flatMap((p) => p.violations).filter((v) => v.enforcementLevel === "mandatory")).toHaveLength(4);
    // The collector is wired in everywhere it is needed: provider, Telemetry, Sidecars, NetworkPolicies.
    const telemetry = doc.resources.find((x) => x.type === "kubernetes:telemetry.istio.io/v1:Telemetry")!;
    expect((telemetry.inputs.spec as { tracing: { randomSamplingPercentage: number }[] }).tracing[0].randomSamplingPercentage).toBe(100);
    const np = doc.resources.find((x) => x.name === "user-pod-allow-egress")!;
    expect(JSON.stringify(np.inputs)).toContain('"kubernetes.io/metadata.name":"tracing"');
  });
});
