import type { PlanPack, PlanResource } from "../../tools/plan/types";

/** Runs every pack over recorded resources with the stack's pack config. */
export async function runPacks(_resources: readonly PlanResource[], _stack: string): Promise<PlanPack[]> {
  return [];
}
