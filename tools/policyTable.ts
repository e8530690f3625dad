import { isStackPolicy } from "../policies/lib/types";
import { PACKS } from "../policies/packs";
import { packConfigPath, readPackConfig, reconcile } from "./runner/config";

/** The stacks whose enforcement the listings show. */
export const LISTED_STACKS = ["dev", "prod"] as const;

/** One policy as `npm run policies` and docs/policies.md show it. */
export interface PolicyRow {
  readonly pack: string;
  readonly name: string;
  readonly kind: "resource" | "stack";
  readonly severity: string;
  /** Enforcement level per stack, from policies/config/<stack>.json. */
  readonly enforcement: Record<(typeof LISTED_STACKS)[number], string>;
  readonly frameworks: readonly string[];
  readonly description: string;
  readonly seed: boolean;
  readonly availability: boolean;
}

/** Every policy of every pack, in pack order then by name. */
export function policyRows(): PolicyRow[] {
  const settings = Object.fromEntries(LISTED_STACKS.map((stack) => [stack, readPackConfig(packConfigPath(stack))]));
  return PACKS.flatMap((pack) => {
    const levels = Object.fromEntries(LISTED_STACKS.map((stack) => [stack, reconcile(pack, settings[stack], `${stack}.json`)]));
    return [...pack.policies]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => ({
        pack: pack.name,
        name: p.name,
        kind: isStackPolicy(p) ? ("stack" as const) : ("resource" as const),
        severity: p.severity,
        enforcement: { dev: levels.dev.get(p.name)!.enforcementLevel, prod: levels.prod.get(p.name)!.enforcementLevel },
        frameworks: p.frameworks,
        description: p.description,
        seed: p.seed,
        availability: p.availability,
      }));
  });
}
