// `npm run policies`: every policy of every pack, its severity, its enforcement per stack and its anchors.
import { parseArgs } from "node:util";
import { LISTED_STACKS, PolicyRow, policyRows } from "./policyTable";

/** The listing as aligned text columns, one policy per line, with a closing count. */
export function formatPolicyList(rows: readonly PolicyRow[]): string {
  const header = ["PACK", "POLICY", "SEVERITY", ...LISTED_STACKS.map((s) => s.toUpperCase()), "ANCHORS"];
  const body = rows.map((r) => [r.pack, `${r.name}${r.seed ? " [seed]" : ""}`, r.severity, ...LISTED_STACKS.map((s) => r.enforcement[s]), r.frameworks.join(", ")]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  const mandatory = (stack: (typeof LISTED_STACKS)[number]) => rows.filter((r) => r.enforcement[stack] === "mandatory").length;
  return [
    line(header),
    ...body.map(line),
    "",
    `${rows.length} policies; mandatory: ${LISTED_STACKS.map((s) => `${mandatory(s)} in ${s}`).join(", ")}; [seed] rules are mandatory in every stack.`,
  ].join("\n");
}

if (require.main === module) {
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, strict: true });
    if (values.help) console.log("usage: npm run policies [-- --json]");
    else console.log(values.json ? JSON.stringify(policyRows(), null, 2) : formatPolicyList(policyRows()));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}
