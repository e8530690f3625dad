// `npm run bench`: wall time of the offline plan per stack against the floor (Node plus
// the SDK imports), their ratio, and the plan's growth with 3, 30 and 100 services.
// Medians of BENCH_RUNS runs each (default 3).
import * as os from "node:os";
import { formatScaling, scalingRows } from "./scaling";
import { medianMs, resourceCount } from "./timing";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function main(): void {
  console.log(`offline plan benchmark: ${os.cpus().length} cores, node ${process.version}, median of ${RUNS} runs`);
  const floor = medianMs(["bench/floor.ts"], RUNS);
  console.log(`${"floor (node + SDK imports)".padEnd(34)} ${floor.ms.toFixed(0).padStart(6)} ms`);
  for (const stack of ["dev", "prod"]) {
    const plan = medianMs(["tools/plan/cli.ts", "--stack", stack], RUNS);
    const n = resourceCount(plan.last.stdout);
    console.log(
      `${`plan --stack ${stack} (${n} resources)`.padEnd(34)} ${plan.ms.toFixed(0).padStart(6)} ms   ${(plan.ms / floor.ms).toFixed(2)}x floor   +${(plan.ms - floor.ms).toFixed(0)} ms over it`,
    );
  }
  console.log("");
  for (const line of formatScaling(scalingRows(RUNS))) console.log(line);
}

main();
