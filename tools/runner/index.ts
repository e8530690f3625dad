import type { PlanPack, PlanResource } from "../plan/types";
import { PACKS, PackDefinition, packVersion } from "../../policies/packs";
import { packConfigPath, readPackConfig, reconcile } from "./config";
import { runPolicies } from "./engine";

export { PackConfigError } from "./config";

/** Options of an offline policy run. */
export interface RunOptions {
  /**
   * The stack outputs. The engine shows them to stack policies as the props of the root
   * `pulumi:pulumi:Stack` resource; without them that resource has no props.
   * @default - none
   */
  readonly outputs?: Record<string, unknown>;
  /**
   * The packs to run.
   * @default - every pack of `policies/` (PACKS)
   */
  readonly packs?: readonly PackDefinition[];
  /**
   * The pack config file.
   * @default - `policies/config/<stack>.json`, or `prod.json` for a stack with no file
   */
  readonly configFile?: string;
}

/** A detailed run: the packs' results and the pack config file used. */
export interface DetailedRun {
  readonly packs: PlanPack[];
  /** The pack config file that was used. */
  readonly configFile: string;
}

/**
 * The stack tags the offline runner gives policies: the project and runtime, as Pulumi
 * Cloud would, and `platform:secrets=masked`, which tells policies that secret values are
 * masked as `"[secret]"` rather than unwrapped as the engine does.
 */
export function offlineStackTags(resources: readonly PlanResource[]): ReadonlyMap<string, string> {
  const project = /^urn:pulumi:[^:]*::([^:]+)::/.exec(resources[0]?.urn ?? "")?.[1] ?? "";
  return new Map([
    ["pulumi:project", project],
    ["pulumi:runtime", "nodejs"],
    ["platform:secrets", "masked"],
  ]);
}

/** Runs every pack over recorded resources with the stack's pack config, and says which config file it used. */
export async function runPacksDetailed(resources: readonly PlanResource[], stack: string, options: RunOptions = {}): Promise<DetailedRun> {
  const configFile = options.configFile ?? packConfigPath(stack);
  const file = readPackConfig(configFile);
  const stackTags = offlineStackTags(resources);
  const packs: PlanPack[] = [];
  for (const pack of options.packs ?? PACKS) {
    const version = packVersion(pack);
    const result = await runPolicies(pack.policies, resources, {
      packName: pack.name,
      packVersion: version,
      settings: reconcile(pack, file, configFile),
      stackTags,
      outputs: options.outputs,
    });
    packs.push({ name: pack.name, version, policies: result.policies, violations: result.violations });
  }
  return { packs, configFile };
}

/**
 * Runs every pack over recorded resources with the stack's pack config
 * (`policies/config/<stack>.json`; `prod.json` for a stack with no file of its own), as
 * the engine would during `pulumi preview --policy-pack ... --policy-pack-config ...`.
 */
export async function runPacks(resources: readonly PlanResource[], stack: string, options: RunOptions = {}): Promise<PlanPack[]> {
  return (await runPacksDetailed(resources, stack, options)).packs;
}
