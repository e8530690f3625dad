import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PLAN_CACHE, STACKS } from "./plans";
import { TS_NODE_ARGS } from "./run";

const ROOT = path.resolve(__dirname, "../..");

/**
 * Records the `dev` and `prod` plans once, in parallel, before any test file runs: each
 * stack's JSON and markdown (`.plan-cache/<stack>.json`, `<stack>.md`), and how the run
 * exited and what it printed under `--quiet` (`<stack>.run.json`), for the tests of the
 * plan's own options to read instead of running the plan again.
 */
export default async function setup(): Promise<void> {
  fs.mkdirSync(PLAN_CACHE, { recursive: true });
  await Promise.all(
    STACKS.map(
      (stack) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [
              ...TS_NODE_ARGS,
              "tools/plan/cli.ts",
              "--stack", stack,
              "--json", path.join(PLAN_CACHE, `${stack}.json`),
              "--markdown", path.join(PLAN_CACHE, `${stack}.md`),
              "--quiet",
            ],
            { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
          );
          let stdout = "";
          let stderr = "";
          child.stdout.on("data", (d) => (stdout += d));
          child.stderr.on("data", (d) => (stderr += d));
          // Exit 1 (mandatory violations) still writes the plan; the policy tests report them.
          child.on("close", (code) => {
            if (code !== 0 && code !== 1) return reject(new Error(`plan ${stack} exited ${code}: ${stderr}`));
            fs.writeFileSync(path.join(PLAN_CACHE, `${stack}.run.json`), JSON.stringify({ status: code, stdout, stderr }));
            resolve();
          });
        }),
    ),
  );
}
