import { describe, expect, it } from "vitest";
import { formatPlanMarkdown } from "../../../tools/plan/markdown";
import { resourcesByTier } from "../../../tools/plan/print";
import { clonePlan, loadPlan } from "../../support/plans";

describe("formatPlanMarkdown", () => {
  const doc = loadPlan("dev");
  const md = formatPlanMarkdown(doc);

  it("opens with the stack and the tally of the summary", () => {
    const s = doc.summary;
    expect(md.split("\n").slice(0, 3)).toEqual([
      "### Offline plan: `platform/dev`",
      "",
      `**${s.resources} resources, ${s.mandatoryViolations} mandatory and ${s.advisoryViolations} advisory policy violations, ${s.secrets} secret values masked**`,
    ]);
    expect(md).not.toContain("[!CAUTION]");
  });

  it("has a row per tier and type, with each tier's total, from the printer's structure", () => {
    for (const { tier, total, types } of resourcesByTier(doc)) {
      for (const [type, n] of types) expect(md).toContain(`| ${tier} | \`${type}\` | ${n} |`);
      expect(md).toContain(`| **${tier}** | | **${total}** |`);
    }
    expect(md).toContain("| network | `aws:ec2/subnet:Subnet` | 9 |");
  });

  it("has a row per pack and the violations grouped by policy", () => {
    const aws = doc.policies.packs.find((p) => p.name === "platform-aws")!;
    expect(md).toContain(`| \`platform-aws@${aws.version}\` | ${aws.policies.length} | 0 | ${aws.violations.length} |`);
    const v = aws.violations[0];
    expect(md).toContain(`<details><summary><b>[advisory]</b> <code>${v.policy}</code>`);
  });

  it("lists the outputs with secrets masked", () => {
    expect(md).toContain('| `network.vpcId` | `"network-vpc-id"` |');
    expect(md).toContain('| `cluster.kubeconfig` | `"[secret]"` |');
  });

  it("warns and opens the mandatory violations first", () => {
    const bad = clonePlan(doc);
    const pack = bad.policies.packs[0] as { violations: unknown[] };
    pack.violations.push({ policy: "aws-rds-instance-storage-encrypted", enforcementLevel: "mandatory", urn: "urn:pulumi:dev::platform::a$aws:rds/instance:Instance::db", message: "not | encrypted" });
    (bad.summary as { mandatoryViolations: number }).mandatoryViolations = 1;
    const out = formatPlanMarkdown(bad);
    expect(out).toContain("> [!CAUTION]\n> 1 mandatory policy violation: `pulumi up` would stop.");
    const open = out.indexOf("<details open><summary><b>[mandatory]</b> <code>aws-rds-instance-storage-encrypted</code> (1)</summary>");
    expect(open).toBeGreaterThan(0);
    expect(open).toBeLessThan(out.indexOf("<b>[advisory]</b>"));
    expect(out).toContain("- `aws:rds/instance:Instance::db`: not \\| encrypted");
  });
});
