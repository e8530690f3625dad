// `npm run plan -- --stack <dev|prod> [--json FILE] [--config PATH=VALUE ...]`
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { runPacks } from "../../policies/runner";
import { UsageError, readStackConfig } from "./config";
import { buildDocument } from "./document";
import { formatPlan } from "./print";
import { recordProgram } from "./record";

const ROOT = path.resolve(__dirname, "../..");
const USAGE = "usage: npm run plan -- --stack <dev|prod> [--json FILE] [--config PATH=VALUE ...]";

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string", short: "s" },
      json: { type: "string" },
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
  const recording = await recordProgram(stack, config, path.join(ROOT, "index.ts"));
  const packs = await runPacks(recording.resources, stack, { outputs: recording.outputs });
  const doc = buildDocument(stack, recording, packs);
  if (values.json) fs.writeFileSync(values.json, `${JSON.stringify(doc, null, 2)}\n`);
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
