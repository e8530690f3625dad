import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PACKS } from "../../policies/packs";
import { formatPolicyList } from "../../tools/policies";
import { policyRows } from "../../tools/policyTable";
import type { PlanDocument } from "../../tools/plan/types";
import { clonePlan, loadPlan } from "../support/plans";
import { ROOT, TS_NODE_ARGS, runTs } from "../support/run";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-check-"));

/** `npm run check -- ARGS`, with the exit code as `code`. */
const check = (...args: string[]) => runTs("tools/check.ts", ...args).then((r) => ({ code: r.status, stdout: r.stdout, stderr: r.stderr }));

function save(doc: PlanDocument, name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(doc));
  return file;
}

/** The prod plan cut down to the network tier, the provider and the stack. */
function networkPlan(): PlanDocument {
  const doc = clonePlan(loadPlan("prod"));
  const keep = doc.resources.filter((r) => r.urn.includes("platform:network:Network") || r.type === "pulumi:pulumi:Stack" || r.type === "pulumi:providers:aws");
  return { ...doc, resources: keep, outputs: { network: (doc.outputs as { network?: unknown }).network ?? {} } };
}

// The cases spawn processes, so they run concurrently.
describe.concurrent("npm run check", () => {
  it("exits 0 on a compliant saved plan, defaulting --stack to the plan's stack", async () => {
    const r = await check("--plan", save(networkPlan(), "network.json"));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Policy check of .*network\.json for stack prod \(pack config policies\/config\/prod\.json\)$/m);
    expect(r.stdout).toMatch(/^  platform-aws@1\.0\.0: \d+ policies, 0 mandatory and 0 advisory violations$/m);
    expect(r.stdout.trimEnd().split("\n").pop()).toMatch(/^\d+ resources, 0 mandatory and 0 advisory policy violations$/);
  });

  it("exits 1 naming the policy and the resource when a private route is pointed at the internet gateway", async () => {
    const doc = networkPlan();
    const route = doc.resources.find((r) => r.type === "aws:ec2/route:Route" && r.inputs.natGatewayId !== undefined)!;
    const igw = doc.resources.find((r) => r.type === "aws:ec2/internetGateway:InternetGateway")!;
    delete route.inputs.natGatewayId;
    route.inputs.gatewayId = `${igw.name}-id`;
    const r = await check("--plan", save(doc, "igw.json"), "--stack", "prod");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("    [mandatory] aws-ec2-routetable-egress-via-nat (1)\n");
    expect(r.stdout).toContain(`      - ${route.urn}: RouteTable '`);
    expect(r.stdout).toContain(`routes 0.0.0.0/0 to an internet gateway (gatewayId=${igw.name}-id); private route tables must never target an internet gateway.`);
  });

  it("exits 2 with one line for an unreadable plan or bad usage", async () => {
    const missing = await check("--plan", path.join(dir, "nope.json"));
    expect([missing.code, missing.stdout]).toEqual([2, ""]);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(/^cannot read plan .*nope\.json: ENOENT/);
    fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ version: 2 }));
    expect(await check("--plan", path.join(dir, "bad.json"))).toMatchObject({ code: 2, stderr: `${path.join(dir, "bad.json")} is not a version-1 plan document (it needs "version": 1, "stack" and "resources")\n` });
  });
});

describe("npm run policies", () => {
  it("lists every policy with its pack, severity, enforcement per stack and anchors", () => {
    const rows = policyRows();
    const lines = formatPolicyList(rows).split("\n");
    expect(lines[0]).toMatch(/^PACK +POLICY +SEVERITY +DEV +PROD +ANCHORS$/);
    expect(lines).toContainEqual(expect.stringMatching(/^platform-aws +aws-rds-instance-multi-az +medium +advisory +mandatory +NAG RDS3, CKV_AWS_157, FSBP RDS.5/));
    expect(lines).toContainEqual(expect.stringMatching(/^platform-kubernetes +kubernetes-istio-peerauthentication-mesh-strict \[seed\] +critical +mandatory +mandatory +IST mutual-tls/));
    expect(lines[lines.length - 1]).toBe(`${rows.length} policies; mandatory: ${rows.filter((r) => r.enforcement.dev === "mandatory").length} in dev, ${rows.length} in prod; [seed] rules are mandatory in every stack.`);
  });
});

describe.concurrent("the packs as the Pulumi CLI runs them", () => {
  for (const pack of PACKS) {
    it(`policies/${pack.dir} constructs its PolicyPack and serves it (prints the analyzer's port)`, async () => {
      const child = spawn(process.execPath, [...TS_NODE_ARGS, "index.ts"], { cwd: path.join(ROOT, "policies", pack.dir) });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      const first = await new Promise<string>((resolve) => {
        child.stdout.once("data", (d) => resolve(String(d)));
        child.once("exit", (code) => resolve(`exited ${code}: ${stderr}`));
      });
      child.kill();
      expect(first.trim()).toMatch(/^\d+$/);
    });
  }
});
