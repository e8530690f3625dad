import * as fs from "node:fs";
import * as path from "node:path";
import type { PlanDocument, PlanResource } from "../../tools/plan/types";

export const STACKS = ["dev", "prod"] as const;
export type StackName = (typeof STACKS)[number];
export const PLAN_CACHE = path.resolve(__dirname, "../../.plan-cache");

const cache = new Map<string, PlanDocument>();

/** The plan recorded for `stack` by the global setup (read once per test file). */
export function loadPlan(stack: StackName): PlanDocument {
  let doc = cache.get(stack);
  if (!doc) {
    doc = JSON.parse(fs.readFileSync(path.join(PLAN_CACHE, `${stack}.json`), "utf8")) as PlanDocument;
    cache.set(stack, doc);
  }
  return doc;
}

/** Resources of one type, e.g. `aws:ec2/subnet:Subnet`. */
export function ofType(doc: PlanDocument, type: string): PlanResource[] {
  return doc.resources.filter((r) => r.type === type);
}

/** The one resource with this logical name and type; fails when there is not exactly one. */
export function single(doc: PlanDocument, type: string, name: string): PlanResource {
  const found = doc.resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0];
}

/** A deep copy of a plan, for mutation tests. */
export function clonePlan(doc: PlanDocument): PlanDocument {
  return JSON.parse(JSON.stringify(doc)) as PlanDocument;
}
