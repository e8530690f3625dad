import { configTree, resolveSettings } from "../../stacks";
import { readStackConfig } from "../../tools/plan/config";
import { ROOT } from "./run";

/** A stack file's config as the program's settings tree, with `--config`-style overrides. */
function stackTree(stack: string, overrides: readonly string[] = []) {
  return configTree(readStackConfig(ROOT, stack, overrides).values);
}

/** The stack's settings with `--config`-style overrides (`network.cidr=10.1.0.0/16`). */
export function resolveStack(stack: "dev" | "prod", ...overrides: string[]) {
  return resolveSettings(stack, stackTree(stack, overrides));
}

/** The one-line error the overrides give; fails the test when they give none. */
export function settingsProblem(stack: "dev" | "prod", ...overrides: string[]): string {
  try {
    resolveStack(stack, ...overrides);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`no error for ${overrides.join(" ")}`);
}
