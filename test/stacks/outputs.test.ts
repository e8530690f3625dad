import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { OUTPUTS_VERSION } from "../../stacks/outputs";
import { STACKS, loadPlan } from "../support/plans";
import { shapeOf } from "./outputsShape";

/**
 * The stack outputs are a versioned contract other teams read through StackReference.
 * outputs.contract.json pins every key and its type: removing a key or changing its type
 * fails here, and needs OUTPUTS_VERSION bumped and the contract regenerated on purpose.
 * New keys are allowed (they break no reader).
 */
const contract = JSON.parse(fs.readFileSync(path.join(__dirname, "outputs.contract.json"), "utf8")) as {
  outputsVersion: number;
  shape: Record<string, string>;
};

describe.each(STACKS)("stack outputs contract (%s)", (stack) => {
  const outputs = loadPlan(stack).outputs;
  const shape = shapeOf(outputs);

  it("is the pinned version", () => {
    expect(outputs.outputsVersion).toBe(OUTPUTS_VERSION);
    expect(contract.outputsVersion).toBe(OUTPUTS_VERSION);
  });

  it("keeps every pinned key with its type", () => {
    const broken = Object.entries(contract.shape)
      .filter(([key, type]) => shape[key] !== type)
      .map(([key, type]) => `${key}: pinned ${type}, now ${shape[key] ?? "missing"}`);
    expect(broken).toEqual([]);
  });

  it("exports the kubeconfig, and nothing else of the pinned keys, as a secret", () => {
    expect(Object.entries(shape).filter(([, t]) => t === "secret").map(([k]) => k)).toEqual(["cluster.kubeconfig"]);
  });
});

describe.each(STACKS)("KMS key outputs (%s)", (stack) => {
  it("export every key of the plan but the account baseline's (CloudTrail, its log group, AWS Config: prod only, for the account's security team)", () => {
    const doc = loadPlan(stack);
    const outputs = doc.outputs as { kmsKeyArns: Record<string, string>; services: Record<string, { data: { kmsKeyArn: string; bucketKmsKeyArns: string[] } }> };
    const exported = new Set([
      ...Object.values(outputs.kmsKeyArns),
      ...Object.values(outputs.services).flatMap((s) => [s.data.kmsKeyArn, ...s.data.bucketKmsKeyArns]),
    ]);
    const keys = doc.resources.filter((r) => r.type === "aws:kms/key:Key").map((r) => r.name);
    const missing = keys.filter((name) => ![...exported].some((arn) => arn.endsWith(`:key/${name}`))).sort();
    expect(missing).toEqual(stack === "prod" ? ["audit-key", "audit-logs-key", "baseline-config-key"] : []);
  });
});

describe("the contract check", () => {
  it("fails when a key is removed or changes type", () => {
    const outputs = JSON.parse(JSON.stringify(loadPlan("prod").outputs)) as Record<string, Record<string, unknown>>;
    delete outputs.network.vpcId;
    outputs.network.natGatewayIds = "nat-1";
    const shape = shapeOf(outputs);
    const broken = Object.entries(contract.shape).filter(([key, type]) => shape[key] !== type).map(([key]) => key);
    expect(broken).toEqual(expect.arrayContaining(["network.vpcId", "network.natGatewayIds", "network.natGatewayIds[]"]));
  });
});
