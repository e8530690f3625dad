import { describe, expect, it } from "vitest";
import { awsPolicies } from "../../../policies/rules/aws";
import { resource, runPolicy } from "../fixtures";
import { AWS_CASES, OUTPUT_CASES } from "./aws.cases";
import { awsWorld } from "../worlds/aws";

const OUTPUTS_POLICY = "pulumi-stack-outputs-secret";

describe("AWS pack: compliant fixture and one-field mutations per policy", () => {
  it("has cases for every policy of the pack", () => {
    const names = awsPolicies.map((p) => p.name).filter((n) => n !== OUTPUTS_POLICY);
    expect(Object.keys(AWS_CASES).sort()).toEqual(names.sort());
  });

  for (const policy of awsPolicies.filter((p) => p.name !== OUTPUTS_POLICY)) {
    describe(policy.name, () => {
      it("passes the compliant fixture without skipping", async () => {
        expect(await runPolicy(policy, awsWorld().resources())).toEqual({ violations: [] });
      });
      for (const m of AWS_CASES[policy.name]) {
        it(`reports: ${m.name}`, async () => {
          const world = awsWorld();
          m.apply(world);
          const { violations } = await runPolicy(policy, world.resources(), { config: m.config });
          expect(violations).toEqual(m.expect);
        });
      }
    });
  }
});

describe(OUTPUTS_POLICY, () => {
  const policy = awsPolicies.find((p) => p.name === OUTPUTS_POLICY)!;
  const stack = [resource("pulumi:pulumi:Stack", "platform-test", {})];

  it("passes when credentials are secrets and references are plain", async () => {
    const outputs = { db: { password: "[secret]", secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret/db" }, kubeconfig: "[secret]", kmsKeyArns: { eksSecrets: "arn:aws:kms:x" } };
    expect((await runPolicy(policy, stack, { outputs })).violations).toEqual([]);
  });
  for (const c of OUTPUT_CASES) {
    it(`reports ${c.name}`, async () => {
      expect((await runPolicy(policy, stack, { outputs: c.outputs })).violations).toEqual(c.expect);
    });
  }
  it("is not applicable where the engine unwraps secrets (no platform:secrets=masked tag)", async () => {
    const outputs = { password: "hunter2" };
    expect((await runPolicy(policy, stack, { outputs, stackTags: new Map() })).violations).toEqual([]);
  });
});
