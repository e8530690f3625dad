import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..");

/** `node` arguments that run a TypeScript entry point as the npm scripts do (plain Node, cached compile). */
export const TS_NODE_ARGS: readonly string[] = ["-r", path.join(ROOT, "tools", "ts-require.js")];

/** One timed run of a child `node` process. */
export interface Run {
  readonly ms: number;
  /** The child's peak resident set size, in MB (`process.resourceUsage().maxRSS`, read in the child at exit). */
  readonly rssMb: number;
  readonly status: number | null;
  readonly stdout: string;
}

/** min, median and max of a set of figures. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** Several runs of one command: wall time and peak RSS spreads, and the last run's output. */
export interface Measured {
  readonly ms: Spread;
  readonly rssMb: Spread;
  readonly last: Run;
}

const RSS_HOOK = path.join(__dirname, "rss.js");

/** Runs `node ...nodeArgs` once; the child writes its peak RSS to a temporary file on exit. */
export function runNode(nodeArgs: readonly string[]): Run {
  const rssFile = path.join(os.tmpdir(), `platform-bench-rss-${process.pid}-${Date.now()}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["-r", RSS_HOOK, ...nodeArgs], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 << 20,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`node ${nodeArgs.join(" ")} exited ${r.status}: ${r.stderr.trim().split("\n")[0]}`);
  const kb = Number(fs.readFileSync(rssFile, "utf8"));
  fs.rmSync(rssFile, { force: true });
  return { ms, rssMb: kb / 1024, status: r.status, stdout: r.stdout };
}

/**
 * A TypeScript entry point run as its npm script runs it; with BENCH_TSX=1 under tsx instead
 * in this process (`node --import tsx`, as tsx's CLI runs its child: how the scripts ran before the
 * cached compile), for a comparison on the same machine.
 */
export const runTs = (args: readonly string[]): Run =>
  runNode(process.env.BENCH_TSX === "1" ? ["--import", "tsx", ...args] : [...TS_NODE_ARGS, ...args]);

/** min/median/max of `values` (the median of an even count is the lower middle, a value that was measured). */
export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor((sorted.length - 1) / 2)], max: sorted[sorted.length - 1] };
}

/** `runs` runs of `run`, summarised. */
export function measure(run: () => Run, runs: number): Measured {
  const all = Array.from({ length: Math.max(1, runs) }, run);
  return { ms: spread(all.map((r) => r.ms)), rssMb: spread(all.map((r) => r.rssMb)), last: all[all.length - 1] };
}

/** `min/median/max ms` and the median peak RSS, aligned for the table. */
export function formatMeasured(m: Measured): string {
  const ms = `${m.ms.min.toFixed(0)}/${m.ms.median.toFixed(0)}/${m.ms.max.toFixed(0)} ms`;
  return `${ms.padStart(20)}  ${m.rssMb.median.toFixed(0).padStart(5)} MB`;
}

/** The resource count from a plan's closing summary line. */
export function resourceCount(stdout: string): number {
  const m = /^(\d+) resources, /m.exec(stdout);
  if (!m) throw new Error("the plan printed no summary line");
  return Number(m[1]);
}
