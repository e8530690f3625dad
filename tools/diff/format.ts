import type { ChangeKind, PlanDiff, ResourceChange } from "./compare";
import { shortUrn } from "./compare";

const SECTIONS: readonly { kind: ChangeKind; title: string; mark: string }[] = [
  { kind: "create", title: "Creates", mark: "+" },
  { kind: "update", title: "Updates", mark: "~" },
  { kind: "replace", title: "Replacements", mark: "+-" },
  { kind: "delete", title: "Deletes", mark: "-" },
];

/** At most this many changed paths are listed per resource. */
const MAX_PATHS = 8;
/** At most this many rows go into the markdown table (a PR comment holds 65,536 characters). */
const MAX_MARKDOWN_ROWS = 150;

/** The one-line tally, e.g. `1 to create, 2 to update, 0 to replace, 1 to delete, 400 unchanged; 1 flagged`. */
function tally(diff: PlanDiff): string {
  const c = diff.counts;
  return `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete, ${diff.unchanged} unchanged; ${c.flagged} flagged`;
}

/** The readable report: one section per kind of change, then the flagged resources and the tally. */
export function formatDiff(diff: PlanDiff): string {
  const lines = [`Plan diff for ${diff.head.project}/${diff.head.stack}: base ${diff.base.resources} resources, head ${diff.head.resources} resources`, ""];
  if (diff.changes.length === 0) lines.push("No changes.", "");
  for (const { kind, title, mark } of SECTIONS) {
    const changes = diff.changes.filter((c) => c.kind === kind);
    if (changes.length === 0) continue;
    lines.push(`${title} (${changes.length}):`);
    for (const c of changes) lines.push(`  ${mark} ${c.type} ${c.name}${tags(c)}${details(c)}`);
    lines.push("");
  }
  const flagged = diff.changes.filter((c) => c.flagged);
  if (flagged.length > 0) {
    lines.push(`${flagged.length} stateful or protected ${flagged.length === 1 ? "resource" : "resources"} would be deleted or replaced:`);
    for (const c of flagged) lines.push(`  ! ${c.kind} ${c.urn}`);
    lines.push("");
  }
  lines.push(tally(diff));
  return lines.join("\n");
}

/** The markdown report for a pull request: the tally, a warning when anything is flagged, and a table. */
export function formatDiffMarkdown(diff: PlanDiff): string {
  const lines = [`### Plan diff: \`${diff.head.project}/${diff.head.stack}\` against the base branch`, "", `**${tally(diff)}**`, ""];
  const flagged = diff.changes.filter((c) => c.flagged);
  if (flagged.length > 0) {
    lines.push(
      "> [!CAUTION]",
      `> ${flagged.length} stateful or protected ${flagged.length === 1 ? "resource" : "resources"} would be deleted or replaced: ${flagged.map((c) => `\`${c.name}\` (${c.kind})`).join(", ")}.`,
      "",
    );
  }
  if (diff.changes.length === 0) {
    lines.push("No changes.");
    return `${lines.join("\n")}\n`;
  }
  // Flagged rows first, then by kind, as in the text report.
  const rows = [...flagged, ...diff.changes.filter((c) => !c.flagged)];
  lines.push("| | change | type | name | details |", "|---|---|---|---|---|");
  for (const c of rows.slice(0, MAX_MARKDOWN_ROWS)) {
    const detail = [c.from ? `was \`${shortUrn(c.from)}\`` : "", ...c.reasons, c.paths.length === 0 ? "" : c.kind === "update" ? listPaths(c.paths) : `changed: ${listPaths(c.paths)}`, c.retainOnDelete ? "retained on delete" : ""].filter(Boolean);
    lines.push(`| ${c.flagged ? ":warning:" : ""} | ${c.kind} | \`${c.type}\` | \`${c.name}\` | ${cell(detail.join("; "))} |`);
  }
  if (rows.length > MAX_MARKDOWN_ROWS) lines.push("", `…and ${rows.length - MAX_MARKDOWN_ROWS} more changes (see the JSON report).`);
  return `${lines.join("\n")}\n`;
}

function tags(c: ResourceChange): string {
  const t = [c.stateful ? "stateful" : "", c.protect ? "protected" : "", c.retainOnDelete && c.kind === "delete" ? "retained on delete" : ""].filter(Boolean);
  return t.length > 0 ? ` [${t.join(", ")}]` : "";
}

function details(c: ResourceChange): string {
  const parts: string[] = [];
  if (c.from) parts.push(`was ${shortUrn(c.from)}`);
  if (c.kind === "replace") parts.push(...c.reasons);
  if (c.kind === "replace" && c.paths.length > 0) parts.push(`changed: ${listPaths(c.paths)}`);
  if (c.kind === "update" && c.paths.length > 0) parts.push(listPaths(c.paths));
  return parts.length > 0 ? `: ${parts.join("; ")}` : "";
}

function listPaths(paths: readonly string[]): string {
  return paths.length > MAX_PATHS ? `${paths.slice(0, MAX_PATHS).join(", ")} and ${paths.length - MAX_PATHS} more` : paths.join(", ");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
