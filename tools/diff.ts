// `npm run diff -- --base A.json --head B.json [--markdown FILE] [--json FILE] [--quiet]`:
// what would change between two plan documents of one stack, by URN.
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { diffPlans } from "./diff/compare";
import { formatDiff, formatDiffMarkdown } from "./diff/format";
import type { PlanDocument } from "./plan/types";

const USAGE = "usage: npm run diff -- --base A.json --head B.json [--markdown FILE] [--json FILE] [--quiet]";

/** Bad usage or an unusable plan file: exit 2 with one line. */
export class DiffUsageError extends Error {
  override readonly name = "DiffUsageError";
}

/** Reads a version-1 plan document, checking the fields the diff needs. */
export function readPlanDocument(file: string): PlanDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new DiffUsageError(`cannot read plan ${file}: ${(err as Error).message.split("\n")[0]}`);
  }
  const d = doc as Partial<PlanDocument>;
  const resourcesOk = Array.isArray(d?.resources) && d.resources.every((r) => r && typeof r.urn === "string" && typeof r.type === "string" && r.options && typeof r.inputs === "object");
  if (!d || typeof d !== "object" || d.version !== 1 || typeof d.stack !== "string" || !resourcesOk) {
    throw new DiffUsageError(`${file} is not a version-1 plan document (it needs "version": 1, "stack" and "resources" with urn, type, inputs and options)`);
  }
  return d as PlanDocument;
}

/** Runs the diff; returns the exit code and the text to print. */
export function diff(argv: string[]): { code: number; output: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: "string" },
      head: { type: "string" },
      markdown: { type: "string" },
      json: { type: "string" },
      quiet: { type: "boolean", short: "q" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return { code: 0, output: USAGE };
  if (!values.base || !values.head) throw new DiffUsageError(`--base and --head are required`);
  const base = readPlanDocument(values.base);
  const head = readPlanDocument(values.head);
  if (base.stack !== head.stack || base.project !== head.project) {
    throw new DiffUsageError(`the plans are of different stacks (base ${base.project}/${base.stack}, head ${head.project}/${head.stack}): compare two plans of one stack`);
  }
  const result = diffPlans(base, head);
  if (values.markdown) write(values.markdown, formatDiffMarkdown(result));
  if (values.json) write(values.json, `${JSON.stringify({ version: 1, ...result }, null, 2)}\n`);
  return { code: result.counts.flagged > 0 ? 1 : 0, output: values.quiet ? "" : formatDiff(result) };
}

function write(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (err) {
    throw new DiffUsageError(`cannot write ${file}: ${(err as Error).message.split("\n")[0]}`);
  }
}

if (require.main === module) {
  try {
    const { code, output } = diff(process.argv.slice(2));
    if (output) console.log(output);
    process.exitCode = code;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const usage = err instanceof DiffUsageError || (typeof e.code === "string" && e.code.startsWith("ERR_PARSE_ARGS"));
    console.error(usage ? (e.message ?? String(err)).split("\n")[0] : `diff failed: ${(err as Error)?.stack ?? String(err)}`);
    process.exitCode = usage ? 2 : 3;
  }
}
