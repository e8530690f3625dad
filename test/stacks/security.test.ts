import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { SettingsError, configTree, resolveSettings } from "../../stacks";
import { readStackConfig } from "../../tools/plan/config";
import type { PlanDocument } from "../../tools/plan/types";
import { runPlan } from "../support/run";

const ROOT = path.resolve(__dirname, "../..");
const tree = (stack: string, overrides: string[] = []) => configTree(readStackConfig(ROOT, stack, overrides).values);
function errorFor(stack: string, overrides: string[]): string {
  try {
    resolveSettings(stack, tree(stack, overrides));
  } catch (err) {
    expect(err).toBeInstanceOf(SettingsError);
    return (err as Error).message;
  }
  throw new Error(`no error for ${overrides.join(" ")}`);
}

describe("security settings", () => {
  it("defaults: prod creates the account services, dev relies on the existing ones", () => {
    expect(resolveSettings("prod", tree("prod")).security).toEqual({ accountServices: "create" });
    expect(resolveSettings("dev", tree("dev")).security).toEqual({ accountServices: "existing" });
  });

  it("takes either value in either stack", () => {
    expect(resolveSettings("prod", tree("prod", ["security.accountServices=existing"])).security.accountServices).toBe("existing");
    expect(resolveSettings("dev", tree("dev", ["security.accountServices=create"])).security.accountServices).toBe("create");
  });

  it("rejects another value in one line naming the stack, setting, value and what is allowed", () => {
    expect(errorFor("prod", ["security.accountServices=organization"])).toBe(
      `Invalid settings for stack 'prod': platform:security.accountServices = "organization" is not one of the allowed values; allowed: create | existing`,
    );
  });

  it("rejects an unknown key under security", () => {
    expect(errorFor("dev", ["security.trail=true"])).toBe("Invalid settings for stack 'dev': platform:security.trail = true is not a known setting; allowed: settings here are accountServices");
  });

  it("prod with existing account services plans no trail, detector, recorder or hub, keeps its alarms, and passes the packs", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "security-")), "plan.json");
    const result = await runPlan("--stack", "prod", "--config", "security.accountServices=existing", "--json", file);
    expect(result.status, result.stderr).toBe(0);
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as PlanDocument;
    const types = new Set(doc.resources.map((r) => r.type));
    for (const t of ["aws:cloudtrail/trail:Trail", "aws:guardduty/detector:Detector", "aws:cfg/recorder:Recorder", "aws:securityhub/account:Account", "platform:security:AuditTrail", "platform:security:AccountBaseline"]) {
      expect(types.has(t), t).toBe(false);
    }
    // Per service: cpu, memory, db-connections, 5xx, latency, no healthy targets; and the ALB's own 5xx.
    expect(doc.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")).toHaveLength(19);
    expect(doc.outputs.alarmTopicArn).toBe("arn:aws:sns:us-east-1:123456789012:topic/alarms-topic");
  }, 120_000);
});
