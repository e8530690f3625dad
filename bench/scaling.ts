// The offline plan's growth with the number of services: 3, 30 and 100 generated
// services through a `--config services=<json>` override of the dev stack.
import { medianMs, resourceCount } from "./timing";

/** One measured size. */
export interface ScalingRow {
  readonly services: number;
  readonly ms: number;
  readonly resources: number;
}

/** The sizes measured by default. */
export const SCALING_SIZES = [3, 30, 100] as const;

/**
 * `n` valid services: each pinned, on its own prefix, called by the next one (a chain,
 * so every pod has callers and callees as the seed services do).
 */
export function generatedServices(n: number): Record<string, unknown> {
  const name = (i: number) => `svc-${String(i).padStart(3, "0")}`;
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      name(i),
      {
        image: `ghcr.io/platform-team/${name(i)}:1.0.0`,
        port: 8080,
        pathPrefix: `/${name(i)}`,
        callers: i + 1 < n ? [name(i + 1)] : [],
      },
    ]),
  );
}

/** Runs the dev plan once per size (median of `runs`) and returns wall time and resource count. */
export function scalingRows(runs: number, sizes: readonly number[] = SCALING_SIZES): ScalingRow[] {
  return sizes.map((services) => {
    const plan = medianMs(["tools/plan/cli.ts", "--stack", "dev", "--config", `services=${JSON.stringify(generatedServices(services))}`], runs);
    return { services, ms: plan.ms, resources: resourceCount(plan.last.stdout) };
  });
}

/** The rows as text, with the marginal cost per added service between sizes. */
export function formatScaling(rows: readonly ScalingRow[]): string[] {
  return rows.map((r, i) => {
    const prev = rows[i - 1];
    const marginal = prev
      ? `   +${((r.ms - prev.ms) / (r.services - prev.services)).toFixed(1)} ms and +${((r.resources - prev.resources) / (r.services - prev.services)).toFixed(1)} resources per service`
      : "";
    return `${`plan dev, ${r.services} services (${r.resources} resources)`.padEnd(40)} ${r.ms.toFixed(0).padStart(6)} ms${marginal}`;
  });
}

if (require.main === module) {
  const runs = Number(process.env.BENCH_RUNS ?? 1);
  for (const line of formatScaling(scalingRows(runs))) console.log(line);
}
