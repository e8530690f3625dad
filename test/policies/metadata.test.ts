import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PACKS } from "../../policies/packs";
import { packConfigPath, readPackConfig, reconcile } from "../../tools/runner/config";
import { renderPoliciesDoc, POLICIES_DOC } from "../../tools/policiesDoc";

const ALL = PACKS.flatMap((p) => p.policies.map((policy) => ({ pack: p, policy })));
const NAME = /^(aws|kubernetes|pulumi)-[a-z0-9]+-[a-z0-9]+-[a-z0-9]+(-[a-z0-9]+)*$/;
const ANCHOR = /^(platform|AG|CP|NAG|CKV2?_(AWS|K8S)_\d+|CIS|FSBP|PSS|KYV|POL|KS|IST)( .+)?$/;

describe("policy metadata", () => {
  it("has unique names", () => {
    const names = ALL.map((x) => x.policy.name);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const { policy } of ALL) {
    describe(policy.name, () => {
      it("is named <vendor>-<service>-<resource>-<check>, like its file", () => {
        expect(policy.name).toMatch(NAME);
        const file = path.join(__dirname, "../../policies/rules", policy.name.split("-")[0], policy.name.split("-")[1]);
        const found = fs.existsSync(file) && fs.readdirSync(file, { recursive: true }).some((f) => String(f).endsWith(`${policy.name}.ts`));
        expect(found).toBe(true);
      });
      it("has a one-sentence-or-more description, a severity and remediation steps", () => {
        expect(policy.description).toMatch(/^[A-Z].{20,}\.$/);
        expect(["low", "medium", "high", "critical"]).toContain(policy.severity);
        expect(policy.remediationSteps).toMatch(/^[A-Z].{10,}\.$/);
      });
      it("names at least one anchor (or platform), also as tags", () => {
        expect(policy.frameworks.length).toBeGreaterThan(0);
        for (const a of policy.frameworks) expect(a).toMatch(ANCHOR);
        expect(policy.tags).toEqual([...policy.frameworks]);
      });
      it("is never both a seed rule and an HA/cost rule", () => {
        expect(policy.seed && policy.availability).toBe(false);
      });
    });
  }
});

describe("per-stack enforcement (policies/config/*.json)", () => {
  const levels = (stack: string) =>
    new Map(PACKS.flatMap((p) => [...reconcile(p, readPackConfig(packConfigPath(stack))).entries()].map(([name, s]) => [name, s.enforcementLevel] as const)));

  it("makes every policy mandatory in prod", () => {
    expect([...levels("prod").values()].every((l) => l === "mandatory")).toBe(true);
  });

  it("makes every seed rule mandatory in dev, and exactly the HA and cost rules advisory", () => {
    const dev = levels("dev");
    for (const { policy } of ALL) expect([policy.name, dev.get(policy.name)]).toEqual([policy.name, policy.availability ? "advisory" : "mandatory"]);
  });

  it("names only policies that exist", () => {
    const names = new Set(ALL.map((x) => x.policy.name));
    for (const stack of ["dev", "prod"]) for (const key of Object.keys(readPackConfig(packConfigPath(stack)))) expect(key === "all" || names.has(key)).toBe(true);
  });

  it("gives a stack with no config file of its own the strictest one (prod)", () => {
    expect(packConfigPath("staging")).toBe(packConfigPath("prod"));
    expect(packConfigPath("../dev")).toBe(packConfigPath("prod"));
  });

  it("lowers the log retention minimum in dev only, through the policy's config", () => {
    const retention = (stack: string) => reconcile(PACKS[0], readPackConfig(packConfigPath(stack))).get("aws-cloudwatch-loggroup-retention")!.config;
    expect(retention("dev")).toEqual({ minimumDays: 30 });
    expect(retention("prod")).toEqual({ minimumDays: 365 });
  });
});

describe("the packs", () => {
  for (const pack of PACKS) {
    it(`${pack.dir} is a CrossGuard pack with a version and the root's SDK versions`, () => {
      const dir = path.join(__dirname, "../../policies", pack.dir);
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
      const root = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8"));
      expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
      for (const dep of ["@pulumi/policy", "@pulumi/pulumi"]) expect(pkg.dependencies[dep]).toBe(root.dependencies[dep]);
      expect(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8")).toMatch(/^runtime: nodejs$/m);
      expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).toMatch(/new PolicyPack\(pack\.name/);
    });
  }
});

describe("docs/policies.md", () => {
  it("is generated from the policies (run npm run docs:policies after a change)", () => {
    expect(fs.readFileSync(POLICIES_DOC, "utf8")).toBe(renderPoliciesDoc());
  });
});
