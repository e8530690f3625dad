import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PLAN_CACHE, loadPlan } from "../support/plans";

const ROOT = path.resolve(__dirname, "../..");
const plan = (...args: string[]) =>
  spawnSync(process.execPath, [require.resolve("tsx/cli"), "tools/plan/cli.ts", ...args], { cwd: ROOT, encoding: "utf8" });

describe("npm run plan", () => {
  it("exits 2 on a bad CIDR with one line naming the setting and value, and no stack trace", () => {
    const r = plan("--stack", "prod", "--config", "network.cidr=10.0.0.0/33");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid settings for stack 'prod': platform:network\.cidr = "10\.0\.0\.0\/33" is not an IPv4 CIDR/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 on bad usage", () => {
    const missing = plan("--json", "x.json");
    expect([missing.status, missing.stderr.trim()]).toEqual([2, "--stack is required"]);
    const unknown = plan("--stack", "qa");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim()).toMatch(/^no stack file Pulumi\.qa\.yaml; known stacks: dev, prod$/);
    const flag = plan("--stack", "dev", "--frobnicate");
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--frobnicate'");
  });

  it("writes byte-identical JSON for the same commit", () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "dev.json");
    const r = plan("--stack", "dev", "--json", out, "--quiet");
    expect(r.status === 0 || r.status === 1).toBe(true);
    expect(fs.readFileSync(out, "utf8")).toBe(fs.readFileSync(path.join(PLAN_CACHE, "dev.json"), "utf8"));
  });

  it("prints the summary: resources per tier and type, policies and outputs", () => {
    const r = plan("--stack", "dev");
    expect(r.stdout).toContain("Offline plan for platform/dev");
    expect(r.stdout).toMatch(/ {2}network \(\d+\)\n/);
    expect(r.stdout).toMatch(/ {4} {3}9 {2}aws:ec2\/subnet:Subnet/);
    expect(r.stdout).toContain("Policies:");
    expect(r.stdout).toContain('network.vpcId: "network-vpc-id"');
    expect(r.stdout).toMatch(/\d+ resources, \d+ mandatory and \d+ advisory policy violations/);
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
