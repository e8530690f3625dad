import { spawnSync } from "node:child_process";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..");

/** One timed run of a TypeScript entry point under tsx, as `npm run` starts it. */
export interface Run {
  readonly ms: number;
  readonly status: number | null;
  readonly stdout: string;
}

export function runTs(args: readonly string[]): Run {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [require.resolve("tsx/cli"), ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`tsx ${args.join(" ")} exited ${r.status}: ${r.stderr.trim().split("\n")[0]}`);
  return { ms, status: r.status, stdout: r.stdout };
}

/** The median wall time of `runs` runs, in milliseconds. */
export function medianMs(args: readonly string[], runs: number): { ms: number; last: Run } {
  const all = Array.from({ length: runs }, () => runTs(args));
  const sorted = all.map((r) => r.ms).sort((a, b) => a - b);
  return { ms: sorted[Math.floor(sorted.length / 2)], last: all[all.length - 1] };
}

/** The resource count from a plan's closing summary line. */
export function resourceCount(stdout: string): number {
  const m = /^(\d+) resources, /m.exec(stdout);
  if (!m) throw new Error("the plan printed no summary line");
  return Number(m[1]);
}
