import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlan, PLAN_CACHE, STACKS } from "../../support/plans";
import { ROOT, runTs } from "../../support/run";

describe.each(STACKS)("the Services tier (%s)", (stack) => {
  const doc = loadPlan(stack);
  const root = `urn:pulumi:${stack}::platform::`;
  const tier = `${root}platform:microservice:Services::services`;

  it("is one component under the stack, parent of every identity and pod", () => {
    expect(doc.resources.filter((r) => r.type === "platform:microservice:Services").map((r) => r.urn)).toEqual([tier]);
    const children = doc.resources.filter((r) => r.parent === tier).map((r) => `${r.type} ${r.name}`).sort();
    expect(children).toEqual(
      ["order", "product", "user"].flatMap((s) => [`platform:microservice:MicroservicePod ${s}-pod`, `platform:microservice:ServiceIdentity ${s}-identity`]).sort(),
    );
  });

  it("keeps the pods after the mesh and the cluster's add-ons, and the identities free of them", () => {
    for (const pod of doc.resources.filter((r) => r.parent === tier && r.type === "platform:microservice:MicroservicePod")) {
      expect(pod.options.dependsOn, pod.name).toEqual([`${root}platform:cluster:Cluster$platform:cluster:ClusterAddons::cluster-addons`, `${root}platform:mesh:Mesh::mesh`]);
    }
    for (const identity of doc.resources.filter((r) => r.parent === tier && r.type === "platform:microservice:ServiceIdentity")) expect(identity.options.dependsOn, identity.name).toEqual([]);
  });

  it("routes the identities' AWS resources through the stack's AWS provider and the pods' objects through the cluster's", () => {
    const under = (name: string) => doc.resources.filter((r) => r.custom && r.parent?.endsWith(`::${name}`));
    expect([...new Set(under("order-identity").map((r) => r.provider))]).toEqual([`${root}pulumi:providers:aws::aws`]);
    const pod = under("order-pod");
    expect([...new Set(pod.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.provider))]).toEqual([`${root}platform:cluster:Cluster$pulumi:providers:kubernetes::cluster-k8s`]);
    expect([...new Set(pod.filter((r) => r.type.startsWith("aws:")).map((r) => r.provider))]).toEqual([`${root}pulumi:providers:aws::aws`]);
  });
});

describe("Services' two phases", () => {
  it("refuses to read the pods before deploy() and to deploy twice, with one line naming the component", async () => {
    // A program that composes the tiers as index.ts does, then misuses the two phases.
    fs.mkdirSync(PLAN_CACHE, { recursive: true });
    const dir = fs.mkdtempSync(path.join(PLAN_CACHE, "services-phases-"));
    const rel = (p: string) => JSON.stringify(path.relative(dir, path.join(ROOT, p)));
    fs.writeFileSync(
      path.join(dir, "program.ts"),
      [
        `import { loadSettings } from ${rel("stacks")};`,
        `import { createContext } from ${rel("platform/context")};`,
        `import { networkTier } from ${rel("platform/network")};`,
        `import { clusterTier } from ${rel("platform/cluster")};`,
        `import { meshTier } from ${rel("platform/mesh")};`,
        `import { cdnTier } from ${rel("platform/edge")};`,
        `import { dataTier } from ${rel("platform/data")};`,
        `import { deployServices, servicesTier } from ${rel("platform/services")};`,
        "const ctx = createContext(loadSettings());",
        "const network = networkTier(ctx);",
        "const cluster = clusterTier(ctx, { network });",
        "const mesh = meshTier(ctx, { cluster });",
        "const services = servicesTier(ctx, { network, cluster });",
        "const errors: string[] = [];",
        "try { void services.pods; } catch (e) { errors.push((e as Error).message); }",
        "const data = dataTier(ctx, { network, cluster, services, cdn: cdnTier(ctx) });",
        "deployServices(ctx, { network, cluster, mesh, services, data });",
        "try { deployServices(ctx, { network, cluster, mesh, services, data }); } catch (e) { errors.push((e as Error).message); }",
        "export = { errors, pods: Object.keys(services.pods).sort() };",
      ].join("\n"),
    );
    const script = [
      `const { recordProgram } = require(${JSON.stringify(path.join(ROOT, "tools/plan/record.ts"))});`,
      `const { readStackConfig } = require(${JSON.stringify(path.join(ROOT, "tools/plan/config.ts"))});`,
      `recordProgram("dev", readStackConfig(${JSON.stringify(ROOT)}, "dev", []), ${JSON.stringify(path.join(dir, "program.ts"))}).then((r) => {`,
      '  console.log(JSON.stringify({ outputs: r.outputs, pods: r.resources.filter((x) => x.type === "platform:microservice:MicroservicePod").length }));',
      "}, (e) => console.error(String(e)));",
    ].join("\n");
    const r = await runTs("-e", script).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      outputs: {
        errors: ["Services 'services': the pods are read before deploy() made them", "Services 'services': deploy() was already called; the pods exist once"],
        pods: ["order", "product", "user"],
      },
      pods: 3,
    });
  });
});
