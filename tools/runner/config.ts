import * as fs from "node:fs";
import * as path from "node:path";
import type { EnforcementLevel } from "@pulumi/policy";
import type { PlatformPolicy } from "../../policies/lib/types";
import { POLICIES_DIR, PackDefinition } from "../../policies/packs";

/** A pack config file as `pulumi preview --policy-pack-config` reads it. */
export type PackConfigFile = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

/** What one policy runs with: its level and its config (schema defaults, then the file's values). */
export interface PolicySettings {
  readonly enforcementLevel: EnforcementLevel;
  readonly config: Record<string, unknown>;
}

/** A pack config that cannot be used: names the file, the key and what is wrong. */
export class PackConfigError extends Error {
  override readonly name = "PackConfigError";
}

const LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

/**
 * The pack config file of a stack: `policies/config/<stack>.json`. A stack with no file
 * of its own gets `prod.json`, the strictest, so a new stack is never checked less.
 */
export function packConfigPath(stack: string): string {
  const own = path.join(POLICIES_DIR, "config", `${stack}.json`);
  return /^[A-Za-z0-9_.-]+$/.test(stack) && fs.existsSync(own) ? own : path.join(POLICIES_DIR, "config", "prod.json");
}

/** Reads and checks a pack config file, as the CLI's parser does. */
export function readPackConfig(file: string): PackConfigFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new PackConfigError(`${file}: cannot read pack config: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new PackConfigError(`${file}: a pack config must be a JSON object`);
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const level = typeof value === "string" ? value : value && typeof value === "object" && !Array.isArray(value) ? (value as { enforcementLevel?: unknown }).enforcementLevel : null;
    if (level === null) throw new PackConfigError(`${file}: "${key}" must be an enforcement level or an object`);
    if (level !== undefined && !LEVELS.includes(String(level))) {
      throw new PackConfigError(`${file}: "${key}" has enforcement level ${JSON.stringify(level)}; allowed: ${LEVELS.join(", ")}`);
    }
  }
  return parsed as PackConfigFile;
}

/**
 * Each policy's level and config, reconciled as the Pulumi engine does: the policy's own
 * level (else the pack's), then `all`, then the policy's entry; config starts from the
 * schema's defaults and takes the entry's values on top. Config values are checked
 * against the schema's types.
 */
export function reconcile(pack: PackDefinition, file: PackConfigFile, fileName = "pack config"): Map<string, PolicySettings> {
  const result = new Map<string, PolicySettings>();
  const all = levelOf(file.all);
  for (const policy of pack.policies) {
    const entry = file[policy.name];
    const { enforcementLevel: _ignored, ...given } = typeof entry === "object" ? entry : {};
    const defaults = Object.fromEntries(
      Object.entries(policy.configSchema?.properties ?? {})
        .filter(([, schema]) => schema.default !== undefined)
        .map(([k, schema]) => [k, schema.default]),
    );
    const config = { ...defaults, ...given };
    checkTypes(policy, config, fileName);
    const level = levelOf(entry) ?? all ?? policy.enforcementLevel ?? pack.enforcementLevel;
    result.set(policy.name, { enforcementLevel: level, config });
  }
  return result;
}

function levelOf(entry: PackConfigFile[string] | undefined): EnforcementLevel | undefined {
  return typeof entry === "string" ? entry : entry?.enforcementLevel;
}

function checkTypes(policy: PlatformPolicy, config: Record<string, unknown>, fileName: string): void {
  for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
    const value = config[key];
    if (value === undefined) {
      if (policy.configSchema?.required?.includes(key)) throw new PackConfigError(`${fileName}: ${policy.name}: ${key} is required`);
      continue;
    }
    const type = schema.type;
    const ok =
      type === undefined ||
      (type === "integer" && Number.isInteger(value)) ||
      (type === "number" && typeof value === "number") ||
      (type === "array" && Array.isArray(value)) ||
      (type === "object" && typeof value === "object" && value !== null && !Array.isArray(value)) ||
      ((type === "string" || type === "boolean") && typeof value === type);
    if (!ok) throw new PackConfigError(`${fileName}: ${policy.name}: ${key} must be of type ${String(type)}, got ${JSON.stringify(value)}`);
  }
}
