// The offline plan's growth with the number of services: 3, 30, 100 and 200 generated
// services through a `--config services=<json>` override of the dev stack.
import { type Measured, formatMeasured, measure, resourceCount, runTs } from "./timing";

/** One measured size. */
export interface ScalingRow {
  readonly services: number;
  /** Wall time and peak RSS of the plan's process, over the runs. */
  readonly measured: Measured;
  readonly resources: number;
}

/** The sizes measured by default. */
export const SCALING_SIZES = [3, 30, 100, 200] as const;

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

/** Runs the dev plan `runs` times per size and returns its wall time, peak RSS and resource count. */
export function scalingRows(runs: number, sizes: readonly number[] = SCALING_SIZES): ScalingRow[] {
  return sizes.map((services) => {
    const args = ["tools/plan/cli.ts", "--stack", "dev", "--config", `services=${JSON.stringify(generatedServices(services))}`];
    const measured = measure(() => runTs(args), runs);
    return { services, measured, resources: resourceCount(measured.last.stdout) };
  });
}

/** What one added service costs between two sizes, from the medians: ms, MB of peak RSS and resources. */
export function marginal(from: ScalingRow, to: ScalingRow): { ms: number; mb: number; resources: number } {
  const n = to.services - from.services;
  return {
    ms: (to.measured.ms.median - from.measured.ms.median) / n,
    mb: (to.measured.rssMb.median - from.measured.rssMb.median) / n,
    resources: (to.resources - from.resources) / n,
  };
}

/** The rows as text (min/median/max wall time, median peak RSS), then the marginal cost per added service between sizes. */
export function formatScaling(rows: readonly ScalingRow[]): string[] {
  const table = rows.map((r) => `${`plan dev, ${r.services} services (${r.resources} resources)`.padEnd(44)} ${formatMeasured(r.measured)}`);
  const steps = rows.slice(1).map((r, i) => {
    const m = marginal(rows[i], r);
    return `per added service, ${rows[i].services} -> ${r.services}:`.padEnd(44) + ` +${m.ms.toFixed(1)} ms, +${m.mb.toFixed(2)} MB, +${m.resources.toFixed(1)} resources`;
  });
  return [...table, ...steps];
}

if (require.main === module) {
  const runs = Number(process.env.BENCH_RUNS ?? 1);
  for (const line of formatScaling(scalingRows(runs))) console.log(line);
}
