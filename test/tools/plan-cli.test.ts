import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PLAN_CACHE, loadPlan } from "../support/plans";
import { runPlan as plan } from "../support/run";

// Every process starts at once; each test reads its own result.
const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "dev.json");
const runs = {
  badCidr: plan("--stack", "prod", "--config", "network.cidr=10.0.0.0/33"),
  noStack: plan("--json", "x.json"),
  unknownStack: plan("--stack", "qa"),
  unknownFlag: plan("--stack", "dev", "--frobnicate"),
  dev: plan("--stack", "dev", "--json", json),
};

describe("npm run plan", () => {
  it("exits 2 on a bad CIDR with one line naming the setting and value, and no stack trace", async () => {
    const r = await runs.badCidr;
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid settings for stack 'prod': platform:network\.cidr = "10\.0\.0\.0\/33" is not an IPv4 CIDR/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 on bad usage", async () => {
    const missing = await runs.noStack;
    expect([missing.status, missing.stderr.trim()]).toEqual([2, "--stack is required"]);
    const unknown = await runs.unknownStack;
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim()).toMatch(/^no stack file Pulumi\.qa\.yaml; known stacks: dev, prod$/);
    const flag = await runs.unknownFlag;
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--frobnicate'");
  });

  it("writes byte-identical JSON for the same commit", async () => {
    const r = await runs.dev;
    expect(r.status).toBe(0);
    expect(fs.readFileSync(json, "utf8")).toBe(fs.readFileSync(path.join(PLAN_CACHE, "dev.json"), "utf8"));
  });

  it("prints the summary: resources per tier and type, policies and outputs", async () => {
    const { stdout } = await runs.dev;
    expect(stdout).toContain("Offline plan for platform/dev");
    expect(stdout).toMatch(/ {2}network \(\d+\)\n/);
    expect(stdout).toMatch(/ {4} {3}9 {2}aws:ec2\/subnet:Subnet/);
    expect(stdout).toMatch(/platform-aws@\d+\.\d+\.\d+: \d+ policies, 0 mandatory and \d+ advisory violations/);
    expect(stdout).toContain('network.vpcId: "network-vpc-id"');
    expect(stdout).toContain('cluster.kubeconfig: "[secret]"');
    expect(stdout).toMatch(/\n\d+ resources, 0 mandatory and \d+ advisory policy violations, \d+ secret values masked\n?$/);
  });
});

describe("the plan document (version 1)", () => {
  const doc = loadPlan("prod");

  it("fills every top-level field", () => {
    expect(Object.keys(doc)).toEqual(["version", "project", "stack", "resources", "outputs", "policies", "summary"]);
    expect([doc.version, doc.project, doc.stack]).toEqual([1, "platform", "prod"]);
    expect(Object.keys(doc.summary)).toEqual(["resources", "byType", "mandatoryViolations", "advisoryViolations", "secrets"]);
    expect(doc.summary.resources).toBe(doc.resources.length);
    expect(Object.values(doc.summary.byType).reduce((a, b) => a + b, 0)).toBe(doc.resources.length);
  });

  it("fills every resource field, sorted by URN", () => {
    for (const r of doc.resources) {
      expect(Object.keys(r)).toEqual(["urn", "type", "name", "custom", "parent", "provider", "inputs", "options", "dependencies"]);
      expect(Object.keys(r.options)).toEqual(["protect", "retainOnDelete", "deleteBeforeReplace", "ignoreChanges", "dependsOn", "aliases"]);
      if (r.type !== "pulumi:pulumi:Stack") expect(r.parent).toMatch(/^urn:pulumi:prod::platform::/);
    }
    const urns = doc.resources.map((r) => r.urn);
    expect(urns).toEqual([...urns].sort());
    expect(new Set(urns).size).toBe(urns.length);
  });

  it("records the provider, the parent and the resources that feed each input", () => {
    const vpc = doc.resources.find((r) => r.name === "network-vpc")!;
    const subnet = doc.resources.find((r) => r.name === "network-data-a")!;
    expect(subnet.parent).toBe(doc.resources.find((r) => r.name === "network-data" && !r.custom)!.urn);
    expect(subnet.provider).toBe("urn:pulumi:prod::platform::pulumi:pulumi:Stack$pulumi:providers:aws::aws");
    expect(subnet.dependencies).toContain(vpc.urn);
  });
});
