// `npm run bench`: wall time (min/median/max of BENCH_RUNS runs, default 3) and peak RSS of
// the offline plan per stack against the plain-Node floor (bench/floor.js: `node` with no
// TypeScript hook requiring the five SDKs and touching the class of every resource type the
// prod plan records), their ratio, and the plan's growth with 3, 30, 100 and 200 services with
// the marginal cost per added service, and whether issue 14's targets hold.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type ScalingRow, formatScaling, scalingRows } from "./scaling";
import { formatMeasured, measure, resourceCount, runNode, runTs } from "./timing";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function main(): void {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(`offline plan benchmark: ${os.cpus().length} cores, load ${load}, node ${process.version}, ${RUNS} runs per row (min/median/max, median peak RSS)`);
  // One untimed prod plan: fills the compile cache (a cold cache is not what a run costs) and
  // records the resource types the floor touches.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-bench-"));
  const planJson = path.join(dir, "prod.json");
  runTs(["tools/plan/cli.ts", "--stack", "prod", "--quiet", "--json", planJson]);
  const floor = measure(() => runNode([path.join(__dirname, "floor.js"), planJson]), RUNS);
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`${`floor (node + SDKs, ${floor.last.stdout.trim()})`.padEnd(44)} ${formatMeasured(floor)}`);
  let prodRatio = Number.NaN;
  for (const stack of ["dev", "prod"]) {
    const plan = measure(() => runTs(["tools/plan/cli.ts", "--stack", stack]), RUNS);
    const n = resourceCount(plan.last.stdout);
    const ratio = plan.ms.median / floor.ms.median;
    if (stack === "prod") prodRatio = ratio;
    console.log(`${`plan --stack ${stack} (${n} resources)`.padEnd(44)} ${formatMeasured(plan)}   ${ratio.toFixed(2)}x floor, +${(plan.ms.median - floor.ms.median).toFixed(0)} ms over it`);
  }
  console.log("");
  const rows = scalingRows(RUNS);
  for (const line of formatScaling(rows)) console.log(line);
  console.log("");
  for (const line of targetLines(prodRatio, rows)) console.log(line);
}

/** The targets of issue 14: the prod plan within 2x the floor, 100 services under 5 s and 500 MB. */
export const TARGETS = { floorRatio: 2, services: 100, ms: 5000, mb: 500 } as const;

/** One line per target: the figure measured against it, and whether it holds. */
export function targetLines(prodRatio: number, rows: readonly ScalingRow[]): string[] {
  const mark = (ok: boolean) => (ok ? "met" : "NOT MET");
  const at = rows.find((r) => r.services === TARGETS.services);
  const lines = [`target: prod plan at most ${TARGETS.floorRatio}x the floor`.padEnd(44) + ` ${prodRatio.toFixed(2)}x: ${mark(prodRatio <= TARGETS.floorRatio)}`];
  if (at) {
    const { median: ms } = at.measured.ms;
    const { median: mb } = at.measured.rssMb;
    lines.push(`target: ${TARGETS.services} services under ${TARGETS.ms / 1000} s and ${TARGETS.mb} MB`.padEnd(44) + ` ${(ms / 1000).toFixed(2)} s, ${mb.toFixed(0)} MB: ${mark(ms < TARGETS.ms && mb < TARGETS.mb)}`);
  }
  return lines;
}

if (require.main === module) main();
