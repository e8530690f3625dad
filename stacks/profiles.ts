import type { Environment } from "./schema";

/** A partial, nested settings tree; the stack's config is merged over it. */
export type SettingsTree = { readonly [key: string]: unknown };

const shared: SettingsTree = {
  network: {
    cidr: "10.0.0.0/16",
    azCount: 3,
    serviceCidr: "172.20.0.0/16",
  },
  tags: { extra: {} },
};

/**
 * The defaults of each environment (platform.md, "Environments"). A stack picks one with
 * `platform:environment`; stacks named `dev` or `prod` pick theirs by name.
 */
export const PROFILES: Record<Environment, SettingsTree> = {
  dev: merge(shared, {
    network: { natStrategy: "Single" },
    logRetentionDays: 30,
    protectStateful: false,
  }),
  prod: merge(shared, {
    network: { natStrategy: "OnePerAz" },
    logRetentionDays: 365,
    protectStateful: true,
  }),
};

/**
 * Deep-merges `over` onto `base`: objects merge key by key, anything else (arrays
 * included) in `over` replaces what `base` had. Neither argument is changed.
 */
export function merge(base: SettingsTree, over: SettingsTree): SettingsTree {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isTree(current) && isTree(value) ? merge(current, value) : value;
  }
  return out;
}

export function isTree(value: unknown): value is SettingsTree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
