import { describe, expect, it } from "vitest";
import { allocatable, INSTANCE_TYPES } from "../../../policies/data/instanceTypes";
import { awsEksNodeGroupCapacity } from "../../../policies/rules/aws/eks/aws-eks-nodegroup-capacity";
import type { PlanResource } from "../../../tools/plan/types";
import { runPolicy } from "../fixtures";
import { clonePlan, loadPlan, single, STACKS } from "../../support/plans";

const NODES = "aws:eks/nodeGroup:NodeGroup";
const RELEASE = "kubernetes:helm.sh/v3:Release";

describe("capacity of the recorded plans", () => {
  it.each(STACKS)("%s: the node group holds every pod at minimum size, with a rolling update", async (stack) => {
    expect((await runPolicy(awsEksNodeGroupCapacity, loadPlan(stack).resources)).violations).toEqual([]);
  });

  it("the old dev sizing (2 x t3.medium, Istio's default istiod requests) does not fit", async () => {
    const doc = clonePlan(loadPlan("dev"));
    const ng = single(doc, NODES, "cluster-nodes-group");
    (ng.inputs.scalingConfig as Record<string, number>).minSize = 2;
    const istiod = single(doc, RELEASE, "mesh-istiod");
    delete ((istiod.inputs.values as Record<string, any>).pilot as Record<string, unknown>).resources;
    const { violations } = await runPolicy(awsEksNodeGroupCapacity, doc.resources);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(/^cluster-nodes-group: The plan requests [\d.]+ vCPU \/ [\d.]+ GiB \/ \d+ pods at minimum size \(with one rolling update\); 2 x t3.medium allocate 3.86 vCPU \/ 6.94 GiB \/ 34 pods: short by [\d.]+ vCPU, [\d.]+ GiB/);
  });

  it("dev on 2 x t3.medium does not fit even with the explicit requests: dev needs its third node", async () => {
    const doc = clonePlan(loadPlan("dev"));
    (single(doc, NODES, "cluster-nodes-group").inputs.scalingConfig as Record<string, number>).minSize = 2;
    expect((await runPolicy(awsEksNodeGroupCapacity, doc.resources)).violations).toHaveLength(1);
  });

  it("dev one node below its minimum no longer fits, and Container Insights (250m per node, 100m operator) is part of why", async () => {
    const doc = clonePlan(loadPlan("dev"));
    (single(doc, NODES, "cluster-nodes-group").inputs.scalingConfig as Record<string, number>).minSize = 4;
    const { violations } = await runPolicy(awsEksNodeGroupCapacity, doc.resources);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(/4 x t3\.medium allocate 7\.72 vCPU \/ [\d.]+ GiB \/ \d+ pods: short by [\d.]+ vCPU/);
    doc.resources.splice(doc.resources.findIndex((r) => r.name === "cluster-insights-addon"), 1);
    expect((await runPolicy(awsEksNodeGroupCapacity, doc.resources)).violations).toEqual([]);
  });

  it("prod's 3 x t3.xlarge are one node per AZ, not a capacity floor: 2 would fit, 1 would not", async () => {
    for (const [min, count] of [[2, 0], [1, 1]] as const) {
      const doc = clonePlan(loadPlan("prod"));
      (single(doc, NODES, "cluster-nodes-group").inputs.scalingConfig as Record<string, number>).minSize = min;
      expect((await runPolicy(awsEksNodeGroupCapacity, doc.resources)).violations, `minSize ${min}`).toHaveLength(count);
    }
  });

  it("every Helm release the program installs sets explicit requests", () => {
    const paths: Record<string, string[]> = {
      istiod: ["pilot.resources.requests", "global.proxy.resources.requests"],
      gateway: ["resources.requests"],
      cni: ["resources.requests"],
      "metrics-server": ["resources.requests"],
      "secrets-store-csi-driver": ["linux.driver.resources.requests", "linux.registrar.resources.requests", "linux.livenessProbe.resources.requests"],
      "secrets-store-csi-driver-provider-aws": ["resources.requests"],
      "cluster-autoscaler": ["resources.requests"],
      "opentelemetry-collector": ["resources.requests"],
      "fluent-bit": ["resources.requests"],
      base: [],
    };
    const releases = loadPlan("dev").resources.filter((r: PlanResource) => r.type === RELEASE);
    for (const r of releases) {
      const chart = String(r.inputs.chart);
      if (!(chart in paths)) continue; // charts of other components (e.g. the load balancer controller) set their own
      for (const p of paths[chart]) {
        const v = p.split(".").reduce((o: any, k) => o?.[k], r.inputs.values);
        expect(v, `${r.name}: ${p}`).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      }
    }
    expect(releases.map((r) => r.inputs.chart)).toEqual(expect.arrayContaining(["cluster-autoscaler", "opentelemetry-collector", "fluent-bit"]));
  });
});

describe("instance types", () => {
  it("computes EKS allocatable: t3.medium 1930m / 3554 MiB / 17 pods, t3.large 35 pods", () => {
    expect(allocatable(INSTANCE_TYPES["t3.medium"])).toEqual({ cpuMillis: 1930, memoryMiB: 3554, pods: 17 });
    expect(allocatable(INSTANCE_TYPES["t3.xlarge"])).toEqual({ cpuMillis: 3920, memoryMiB: 15391, pods: 58 });
    expect(INSTANCE_TYPES["t3.large"].maxPods).toBe(35);
  });
});
