// `npm run check -- --plan FILE [--stack S]`: runs the policy packs over a saved plan JSON,
// with the same output and exit codes as `npm run plan`.
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { PackConfigError, runPacksDetailed } from "./runner";
import { formatPolicies } from "./plan/print";
import type { PlanDocument } from "./plan/types";

const USAGE = "usage: npm run check -- --plan FILE [--stack S]";

/** Bad usage or an unusable plan file: exit 2 with one line. */
export class CheckUsageError extends Error {
  override readonly name = "CheckUsageError";
}

/** Reads a plan document, checking the fields the runner needs. */
export function readPlan(file: string): PlanDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new CheckUsageError(`cannot read plan ${file}: ${(err as Error).message.split("\n")[0]}`);
  }
  const d = doc as Partial<PlanDocument>;
  if (!d || typeof d !== "object" || d.version !== 1 || !Array.isArray(d.resources) || typeof d.stack !== "string") {
    throw new CheckUsageError(`${file} is not a version-1 plan document (it needs "version": 1, "stack" and "resources")`);
  }
  return d as PlanDocument;
}

/** Runs the check; returns the exit code and the text to print. */
export async function check(argv: string[]): Promise<{ code: number; output: string }> {
  const { values } = parseArgs({ args: argv, options: { plan: { type: "string" }, stack: { type: "string", short: "s" }, help: { type: "boolean", short: "h" } }, strict: true });
  if (values.help) return { code: 0, output: USAGE };
  if (!values.plan) throw new CheckUsageError(`--plan is required\n${USAGE}`);
  const doc = readPlan(values.plan);
  const stack = values.stack ?? doc.stack;
  const run = await runPacksDetailed(doc.resources, stack, { outputs: doc.outputs });
  const count = (level: string) => run.packs.reduce((n, p) => n + p.violations.filter((v) => v.enforcementLevel === level).length, 0);
  const lines = [`Policy check of ${values.plan} for stack ${stack} (pack config ${run.configFile.replace(`${process.cwd()}/`, "")})`, "", ...formatPolicies(run.packs), ""];
  lines.push(`${doc.resources.length} resources, ${count("mandatory")} mandatory and ${count("advisory")} advisory policy violations`);
  return { code: count("mandatory") > 0 ? 1 : 0, output: lines.join("\n") };
}

if (require.main === module) {
  check(process.argv.slice(2)).then(
    ({ code, output }) => {
      console.log(output);
      process.exit(code);
    },
    (err) => {
      const e = err as { code?: string; message?: string };
      const usage = err instanceof CheckUsageError || err instanceof PackConfigError || (typeof e.code === "string" && e.code.startsWith("ERR_PARSE_ARGS"));
      console.error(usage ? (e.message ?? String(err)).split("\n")[0] : `check failed: ${(err as Error)?.stack ?? String(err)}`);
      process.exit(usage ? 2 : 3);
    },
  );
}
