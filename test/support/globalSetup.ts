import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PLAN_CACHE, STACKS } from "./plans";
import { TS_NODE_ARGS } from "./run";

const ROOT = path.resolve(__dirname, "../..");

/** Records the `dev` and `prod` plans once, in parallel, before any test file runs. */
export default async function setup(): Promise<void> {
  fs.mkdirSync(PLAN_CACHE, { recursive: true });
  await Promise.all(
    STACKS.map(
      (stack) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [...TS_NODE_ARGS, "tools/plan/cli.ts", "--stack", stack, "--json", path.join(PLAN_CACHE, `${stack}.json`), "--quiet"],
            { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
          );
          let stderr = "";
          child.stderr.on("data", (d) => (stderr += d));
          // Exit 1 (mandatory violations) still writes the plan; the policy tests report them.
          child.on("exit", (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`plan ${stack} exited ${code}: ${stderr}`))));
        }),
    ),
  );
}
