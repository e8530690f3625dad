import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatPlanMarkdown } from "../../tools/plan/markdown";
import { PLAN_CACHE, clonePlan, loadPlan } from "../support/plans";
import type { RunResult } from "../support/run";
import { runTs } from "../support/run";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diff-"));
const file = (name: string, content: unknown) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
};
const dev = path.join(PLAN_CACHE, "dev.json");
const prod = path.join(PLAN_CACHE, "prod.json");

// prod with one database no longer encrypted (a replacement) and the VPC's tags changed (an update).
const mutated = clonePlan(loadPlan("prod"));
const db = mutated.resources.find((r) => r.name === "data-order-db-instance")!;
(db.inputs as Record<string, unknown>).storageEncrypted = false;
const vpc = mutated.resources.find((r) => r.name === "network-vpc")!;
(vpc.inputs.tags as Record<string, string>).Team = "platform";
const head = file("prod-head.json", mutated);
const md = path.join(dir, "diff.md");
const json = path.join(dir, "diff.json");

const diff = (...args: string[]) => runTs("tools/diff.ts", ...args);
// Every process starts at once; each test reads its own result.
const runs = {
  same: diff("--base", dev, "--head", dev),
  flagged: diff("--base", prod, "--head", head, "--markdown", md, "--json", json),
  missing: diff("--base", dev),
  unreadable: diff("--base", path.join(dir, "nope.json"), "--head", dev),
  notAPlan: diff("--base", file("bad.json", { version: 2, resources: [] }), "--head", dev),
  notJson: diff("--base", file("broken.json", "{"), "--head", dev),
  stacks: diff("--base", dev, "--head", prod),
  flag: diff("--base", dev, "--head", dev, "--frobnicate"),
};

describe("npm run diff", () => {
  it("exits 0 with no changes between a plan and itself", async () => {
    const r = await runs.same;
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain("No changes.");
    expect(r.stdout.trim().split("\n").at(-1)).toMatch(/^0 to create, 0 to update, 0 to replace, 0 to delete, \d+ unchanged; 0 flagged$/);
  });

  it("exits 1 when a protected database would be replaced, and prints it", async () => {
    const r = await runs.flagged;
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toContain("  ~ aws:ec2/vpc:Vpc network-vpc: tags.Team");
    // The replaced database's endpoint is unknown until it exists: what reads it changes too.
    expect(lines).toContain("  ~ kubernetes:core/v1:ConfigMap order-pod-data: data.db-host");
    expect(lines).toContain("  +- aws:rds/instance:Instance data-order-db-instance [stateful, protected]: storageEncrypted forces replacement; changed: storageEncrypted");
    expect(lines).toContain("1 stateful or protected resource would be deleted or replaced:");
    expect(lines).toContain(`  ! replace ${db.urn}`);
    expect(lines.at(-1)).toMatch(/^0 to create, 3 to update, 1 to replace, 0 to delete, \d+ unchanged; 1 flagged$/);
  });

  it("writes the markdown report and the JSON report", async () => {
    await runs.flagged;
    const text = fs.readFileSync(md, "utf8");
    expect(text).toContain("### Plan diff: `platform/prod` against the base branch");
    expect(text).toContain("> [!CAUTION]\n> 1 stateful or protected resource would be deleted or replaced: `data-order-db-instance` (replace).");
    expect(text).toContain("| :warning: | replace | `aws:rds/instance:Instance` | `data-order-db-instance` | storageEncrypted forces replacement; changed: storageEncrypted |");
    expect(text).toContain("|  | update | `aws:ec2/vpc:Vpc` | `network-vpc` | tags.Team |");
    const report = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(report.version).toBe(1);
    expect(report.counts).toEqual({ create: 0, update: 3, replace: 1, delete: 0, flagged: 1 });
    const changes = report.changes.map((c: { kind: string; name: string; flagged: boolean }) => [c.kind, c.name, c.flagged]);
    expect(changes).toEqual([
      ["update", "order-pod-data", false],
      ["update", "order-pod-data-postgres", false],
      ["update", "network-vpc", false],
      ["replace", "data-order-db-instance", true],
    ]);
  });

  it("exits 2 with one line on bad usage and unusable files", async () => {
    const oneLine = async (run: Promise<{ status: number | null; stdout: string; stderr: string }>) => {
      const r = await run;
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      return [r.status, r.stderr.trim()];
    };
    expect(await oneLine(runs.missing)).toEqual([2, "--base and --head are required"]);
    expect(await oneLine(runs.unreadable)).toEqual([2, `cannot read plan ${path.join(dir, "nope.json")}: ENOENT: no such file or directory, open '${path.join(dir, "nope.json")}'`]);
    expect(await oneLine(runs.notAPlan)).toEqual([
      2,
      `${path.join(dir, "bad.json")} is not a version-1 plan document (it needs "version": 1, "stack" and "resources" with urn, type, inputs and options)`,
    ]);
    const [code, message] = await oneLine(runs.notJson);
    expect([code, String(message).startsWith(`cannot read plan ${path.join(dir, "broken.json")}: `)]).toEqual([2, true]);
    expect(await oneLine(runs.stacks)).toEqual([2, "the plans are of different stacks (base platform/dev, head platform/prod): compare two plans of one stack"]);
    const [flagCode, flagMessage] = await oneLine(runs.flag);
    expect(flagCode).toBe(2);
    expect(flagMessage).toContain("Unknown option '--frobnicate'");
  });
});

describe("npm run plan -- --markdown", () => {
  // The global setup ran `--stack <s> --quiet --json --markdown` once per stack; its run is read here.
  it.each(["dev", "prod"] as const)("writes the markdown summary of the plan it recorded (%s), and prints nothing with --quiet", (stack) => {
    const r = JSON.parse(fs.readFileSync(path.join(PLAN_CACHE, `${stack}.run.json`), "utf8")) as RunResult;
    expect([r.status, r.stdout]).toEqual([0, ""]);
    expect(fs.readFileSync(path.join(PLAN_CACHE, `${stack}.md`), "utf8")).toBe(formatPlanMarkdown(loadPlan(stack)));
  });
});
