import { flatten, resourcesByTier, violationsByPolicy } from "./print";
import type { PlanDocument } from "./types";

/** At most this many violations are listed per policy (a PR comment holds 65,536 characters). */
const MAX_VIOLATIONS_PER_POLICY = 20;

/**
 * The plan as markdown, for a pull request comment or `$GITHUB_STEP_SUMMARY`: the tally,
 * resources per tier and type, the policy results with their violations (mandatory
 * first) and the outputs, from the same structures the text summary prints.
 */
export function formatPlanMarkdown(doc: PlanDocument): string {
  const s = doc.summary;
  const lines = [
    `### Offline plan: \`${doc.project}/${doc.stack}\``,
    "",
    `**${s.resources} resources, ${s.mandatoryViolations} mandatory and ${s.advisoryViolations} advisory policy violations, ${s.secrets} secret values masked**`,
    "",
  ];
  if (s.mandatoryViolations > 0) {
    lines.push("> [!CAUTION]", `> ${s.mandatoryViolations} mandatory policy ${s.mandatoryViolations === 1 ? "violation" : "violations"}: \`pulumi up\` would stop.`, "");
  }

  const tiers = resourcesByTier(doc);
  lines.push(`<details><summary>Resources by tier and type (${doc.resources.length})</summary>`, "", "| tier | type | count |", "|---|---|---:|");
  for (const { tier, total, types } of tiers) {
    for (const [type, n] of types) lines.push(`| ${tier} | \`${type}\` | ${n} |`);
    lines.push(`| **${tier}** | | **${total}** |`);
  }
  lines.push("", "</details>", "");

  lines.push("#### Policies", "");
  const packs = doc.policies.packs;
  if (packs.length === 0) {
    lines.push("No policy packs found.", "");
  } else {
    lines.push("| pack | policies | mandatory violations | advisory violations |", "|---|---:|---:|---:|");
    for (const pack of packs) {
      const mandatory = pack.violations.filter((v) => v.enforcementLevel === "mandatory").length;
      lines.push(`| \`${pack.name}@${pack.version}\` | ${pack.policies.length} | ${mandatory} | ${pack.violations.length - mandatory} |`);
    }
    lines.push("");
    for (const pack of packs) {
      for (const [policy, violations] of violationsByPolicy(pack)) {
        const level = violations[0].enforcementLevel;
        const body = violations.slice(0, MAX_VIOLATIONS_PER_POLICY).map((v) => `- \`${v.urn ? resourceOf(v.urn) : "(stack)"}\`: ${inline(v.message)}`);
        if (violations.length > MAX_VIOLATIONS_PER_POLICY) body.push(`- …and ${violations.length - MAX_VIOLATIONS_PER_POLICY} more`);
        const title = `<b>[${level}]</b> <code>${policy}</code> (${violations.length})`;
        // Mandatory violations are open: they are what a reviewer must read.
        lines.push(`<details${level === "mandatory" ? " open" : ""}><summary>${title}</summary>`, "", ...body, "", "</details>", "");
      }
    }
  }

  lines.push("<details><summary>Outputs (secrets masked)</summary>", "", "| output | value |", "|---|---|");
  for (const [key, value] of flatten(doc.outputs)) lines.push(`| \`${key}\` | \`${inline(value).replace(/`/g, "'")}\` |`);
  lines.push("", "</details>");
  return `${lines.join("\n")}\n`;
}

/** `type::name` of a URN. */
function resourceOf(urn: string): string {
  const parts = urn.split("::");
  const types = parts.slice(2, -1).join("::").split("$");
  return `${types[types.length - 1]}::${parts[parts.length - 1]}`;
}

function inline(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
