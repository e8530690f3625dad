// `npm run bench`: wall time (min/median/max of BENCH_RUNS runs, default 3) and peak RSS of
// the offline plan per stack against the plain-Node floor (bench/floor.js: `node` with no
// TypeScript hook requiring the five SDKs and touching the class of every resource type the
// prod plan records), their ratio, and the plan's growth with 3, 30 and 100 services with
// the marginal cost per added service.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { formatScaling, scalingRows } from "./scaling";
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
  for (const stack of ["dev", "prod"]) {
    const plan = measure(() => runTs(["tools/plan/cli.ts", "--stack", stack]), RUNS);
    const n = resourceCount(plan.last.stdout);
    const ratio = plan.ms.median / floor.ms.median;
    console.log(`${`plan --stack ${stack} (${n} resources)`.padEnd(44)} ${formatMeasured(plan)}   ${ratio.toFixed(2)}x floor, +${(plan.ms.median - floor.ms.median).toFixed(0)} ms over it`);
  }
  console.log("");
  for (const line of formatScaling(scalingRows(RUNS))) console.log(line);
}

main();
