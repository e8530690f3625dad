// `npm run plan -- --stack <dev|prod> [--json FILE] [--markdown FILE] [--config PATH=VALUE ...]`
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { UsageError, readStackConfig } from "./config";

const ROOT = path.resolve(__dirname, "../..");
const USAGE = "usage: npm run plan -- --stack <dev|prod> [--json FILE] [--markdown FILE] [--config PATH=VALUE ...]";

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string", short: "s" },
      json: { type: "string" },
      markdown: { type: "string" },
      config: { type: "string", short: "c", multiple: true },
      quiet: { type: "boolean", short: "q" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.stack) throw new UsageError("--stack is required");
  const stack = values.stack;
  const config = readStackConfig(ROOT, stack, values.config ?? []);
  // The SDKs, the program and the policies load only once the arguments are known to be
  // good, so a usage error answers at once.
  const [{ recordProgram }, { runPacks }, { buildDocument }, { formatPlan }, { formatPlanMarkdown }] = await Promise.all([
    import("./record"),
    import("../../policies/runner"),
    import("./document"),
    import("./print"),
    import("./markdown"),
  ]);
  // The SDK reads `new Error().stack` for every promise it makes; with source maps on,
  // formatting those stacks was a fifth of the plan's time. PLAN_SOURCE_MAPS=1 keeps them.
  if (process.env.PLAN_SOURCE_MAPS !== "1") process.setSourceMapsEnabled(false);
  const recording = await recordProgram(stack, config, path.join(ROOT, "index.ts"));
  const packs = await runPacks(recording.resources, stack, { outputs: recording.outputs });
  const doc = buildDocument(stack, recording, packs);
  if (values.json) fs.writeFileSync(values.json, `${JSON.stringify(doc, null, 2)}\n`);
  if (values.markdown) fs.writeFileSync(values.markdown, formatPlanMarkdown(doc));
  if (!values.quiet) console.log(formatPlan(doc));
  return doc.summary.mandatoryViolations > 0 ? 1 : 0;
}

/** Exit 2 with one line for bad settings and bad usage; anything else is a bug (3). */
export function exitCodeFor(err: unknown): { code: number; message: string } {
  const e = err as { name?: string; message?: string; code?: string; stack?: string };
  if (e?.name === "SettingsError" || e instanceof UsageError) return { code: 2, message: e.message ?? String(err) };
  if (typeof e?.code === "string" && e.code.startsWith("ERR_PARSE_ARGS")) return { code: 2, message: `${e.message}\n${USAGE}` };
  return { code: 3, message: `plan failed: ${e?.stack ?? String(err)}` };
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      const { code, message } = exitCodeFor(err);
      console.error(message);
      process.exit(code);
    },
  );
}
