// `npm run plan -- --stack <dev|prod> [--json FILE] [--markdown FILE] [--config PATH=VALUE ...] [--config-dir DIR]`
import "./lazyModules";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { UsageError, readStackConfig } from "./config";

const ROOT = path.resolve(__dirname, "../..");
const USAGE = "usage: npm run plan -- --stack <dev|prod> [--json FILE] [--markdown FILE] [--config PATH=VALUE ...] [--config-dir DIR]";

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string", short: "s" },
      json: { type: "string" },
      markdown: { type: "string" },
      config: { type: "string", short: "c", multiple: true },
      // Where Pulumi.yaml and Pulumi.<stack>.yaml are read from; the program is always this project's.
      "config-dir": { type: "string" },
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
  const configDir = values["config-dir"] ? path.resolve(values["config-dir"]) : ROOT;
  if (!fs.existsSync(configDir) || !fs.statSync(configDir).isDirectory()) throw new UsageError(`--config-dir ${configDir} is not a directory`);
  const config = readStackConfig(configDir, stack, values.config ?? []);
  if (values.json) checkWritable(values.json);
  if (values.markdown) checkWritable(values.markdown, "--markdown");
  // The SDKs, the program and the policies load only once the arguments are known to be
  // good, so a usage error answers at once.
  const [{ recordProgram }, { runPacksDetailed }, { buildDocument }, { formatPlan }, { formatPlanMarkdown }] = await Promise.all([
    import("./record"),
    import("../runner"),
    import("./document"),
    import("./print"),
    import("./markdown"),
  ]);
  // The SDK reads `new Error().stack` for every promise it makes; with source maps on,
  // formatting those stacks was a fifth of the plan's time. PLAN_SOURCE_MAPS=1 keeps them.
  if (process.env.PLAN_SOURCE_MAPS !== "1") process.setSourceMapsEnabled(false);
  const recording = await recordProgram(stack, config, path.join(ROOT, "index.ts"));
  const { packs, configFile } = await runPacksDetailed(recording.resources, stack, { outputs: recording.outputs });
  const doc = buildDocument(stack, recording, packs);
  if (values.json) writeOutput("--json", values.json, `${JSON.stringify(doc, null, 2)}\n`);
  if (values.markdown) writeOutput("--markdown", values.markdown, formatPlanMarkdown(doc));
  if (!values.quiet) console.log(formatPlan(doc, { policyConfig: path.relative(ROOT, configFile).split(path.sep).join("/") }));
  return doc.summary.mandatoryViolations > 0 ? 1 : 0;
}

/**
 * Fails early, with one line, when `--json` (or `--markdown`) names a file that cannot be written: its
 * directory is missing or not writable, it is a directory, or it is read-only.
 */
export function checkWritable(file: string, option = "--json"): void {
  const dir = path.dirname(path.resolve(file));
  const problem = (() => {
    if (!fs.existsSync(dir)) return `directory ${dir} does not exist`;
    if (fs.existsSync(file)) {
      if (fs.statSync(file).isDirectory()) return "it is a directory";
      try {
        fs.accessSync(file, fs.constants.W_OK);
      } catch {
        return "the file is not writable";
      }
      return undefined;
    }
    if (!fs.statSync(dir).isDirectory()) return `${dir} is not a directory`;
    try {
      fs.accessSync(dir, fs.constants.W_OK);
    } catch {
      return `directory ${dir} is not writable`;
    }
    return undefined;
  })();
  if (problem) throw new UsageError(`cannot write ${option} ${file}: ${problem}`);
}

/** Writes a plan report; a failure (disk full, a race) is one line, not a stack trace. */
function writeOutput(option: string, file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (err) {
    throw new UsageError(`cannot write ${option} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
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
