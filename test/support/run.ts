import { spawn } from "node:child_process";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");

/** The arguments to `node` that run a TypeScript entry point as the npm scripts do: plain Node with the project's cached-compile hook. */
export const TS_NODE_ARGS: readonly string[] = ["-r", path.join(ROOT, "tools", "ts-require.js")];

/** What a finished command printed, and how it exited. */
export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a TypeScript entry point the way its npm script does (`node -r ./tools/ts-require.js
 * <script> ARGS`, without npm's banner) and resolves when it exits. Start several before awaiting any: they run
 * concurrently.
 */
export function runTs(script: string, ...args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...TS_NODE_ARGS, script, ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** `npm run plan -- ARGS`. */
export const runPlan = (...args: string[]) => runTs("tools/plan/cli.ts", ...args);
