import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PLAN_CACHE, loadPlan } from "../../support/plans";
import { ROOT, runPlan as plan } from "../../support/run";

// Every process starts at once; each test reads its own result.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
const json = path.join(tmp, "dev.json");
// Stack files the tests break, beside a copy of the project file (read with --config-dir).
const dir = path.join(tmp, "project");
fs.mkdirSync(dir);
fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
fs.writeFileSync(path.join(dir, "Pulumi.syntax.yaml"), "config:\n  platform:region: us-east-1\n  platform:tags: [owner\n");
fs.writeFileSync(path.join(dir, "Pulumi.list.yaml"), "config:\n  - platform:region\n");
fs.writeFileSync(path.join(dir, "Pulumi.region.yaml"), fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8").replace("config:\n", "config:\n  aws:region: us-west-2\n"));
// A stack with no policy config of its own, set up as a copy of prod.
fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8").replace("config:\n", "config:\n  platform:environment: prod\n"));
const ALLOWED = "allowed: platform:<setting> keys (the engine's own pulumi:* keys are also accepted)";
const runs = {
  syntax: plan("--stack", "syntax", "--config-dir", dir),
  notAMap: plan("--stack", "list", "--config-dir", dir),
  regionInFile: plan("--stack", "region", "--config-dir", dir),
  awsRegion: plan("--stack", "dev", "--config", "aws:region=us-west-2"),
  misspelled: plan("--stack", "dev", "--config", "platfrom:network.natStrategy=Single"),
  noDir: plan("--stack", "dev", "--json", path.join(tmp, "missing", "dev.json")),
  isDir: plan("--stack", "dev", "--json", tmp),
  staging: plan("--stack", "staging", "--config-dir", dir),
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

  it.each([
    ["a stack file that is not YAML", "syntax", "Pulumi.syntax.yaml is not valid YAML at line 4, column 1: unexpected end of the stream within a flow collection"],
    ["a stack file whose config: is not a map", "notAMap", "Pulumi.list.yaml: config must be a map of keys to values, got a list"],
    [
      "aws:region in the stack file",
      "regionInFile",
      `Invalid settings for stack 'region': aws:region is ignored: the program builds its own providers from platform:* settings and Pulumi.yaml disables the default ones (set platform:region); ${ALLOWED}`,
    ],
    [
      "aws:region given with --config",
      "awsRegion",
      `Invalid settings for stack 'dev': aws:region is ignored: the program builds its own providers from platform:* settings and Pulumi.yaml disables the default ones (set platform:region); ${ALLOWED}`,
    ],
    [
      "a misspelled namespace",
      "misspelled",
      `Invalid settings for stack 'dev': platfrom:network is in namespace 'platfrom', which nothing reads (did you mean platform:network?); ${ALLOWED}`,
    ],
    ["a --json path in a missing directory", "noDir", `cannot write --json ${path.join(tmp, "missing", "dev.json")}: directory ${path.join(tmp, "missing")} does not exist`],
    ["a --json path that is a directory", "isDir", `cannot write --json ${tmp}: it is a directory`],
  ] as const)("exits 2 on %s with exactly one line and no stack trace", async (_what, run, line) => {
    const r = await runs[run];
    expect([r.status, r.stdout, r.stderr]).toEqual([2, "", `${line}\n`]);
  });

  it("prints which policy config it judged the stack with", async () => {
    expect((await runs.dev).stdout.split("\n")[1]).toBe("policy config: policies/config/dev.json");
    const staging = await runs.staging;
    expect(staging.status).toBe(0);
    expect(staging.stdout.split("\n").slice(0, 2)).toEqual([
      "Offline plan for platform/staging (mock monitor: no cloud, no CLI)",
      "policy config: policies/config/prod.json",
    ]);
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
    expect(subnet.provider).toBe("urn:pulumi:prod::platform::pulumi:providers:aws::aws");
    expect(subnet.dependencies).toContain(vpc.urn);
  });
});
