import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ENVIRONMENTS, configTree, resolveSettings, settingsSchema } from "../../stacks";
import { PROFILES, SERVICE_DEFAULTS, SettingsTree, isTree } from "../../stacks/profiles";
import { readStackConfig } from "../../tools/plan/config";

const ROOT = path.resolve(__dirname, "../..");

/** Every path under `schema` whose schema carries a zod `.default()`. */
function zodDefaults(schema: z.ZodTypeAny, at: string): string[] {
  const here = schema instanceof z.ZodDefault ? [at] : [];
  const inner = (s: z.ZodTypeAny, p = at) => zodDefaults(s, p);
  if (schema instanceof z.ZodDefault) return [...here, ...inner(schema._def.innerType)];
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return inner(schema.unwrap());
  if (schema instanceof z.ZodEffects) return inner(schema._def.schema);
  if (schema instanceof z.ZodPipeline) return [...inner(schema._def.in), ...inner(schema._def.out)];
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodTypeAny[]).flatMap((o) => inner(o));
  if (schema instanceof z.ZodArray) return inner(schema.element, `${at}[]`);
  if (schema instanceof z.ZodRecord) return inner(schema.valueSchema, `${at}.<key>`);
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodTypeAny>).flatMap(([k, s]) => inner(s, at ? `${at}.${k}` : k));
  }
  return [];
}

/** Leaf paths of a settings tree (arrays are leaves), with their values. */
function leaves(tree: SettingsTree, at: string[] = []): [string[], unknown][] {
  return Object.entries(tree).flatMap(([k, v]) => (isTree(v) ? leaves(v, [...at, k]) : [[[...at, k], v] as [string[], unknown]]));
}

function valueAt(tree: unknown, p: readonly string[]): unknown {
  return p.reduce<unknown>((node, key) => (isTree(node) ? node[key] : undefined), tree);
}

describe("each default has one home: stacks/profiles.ts", () => {
  it("no settings schema carries a zod .default(): the profiles fill every default", () => {
    expect(zodDefaults(settingsSchema, "")).toEqual([]);
  });

  it.each(ENVIRONMENTS)("the %s stack file only overrides: no key restates its profile or the service defaults", (stack) => {
    const tree = configTree(readStackConfig(ROOT, stack).values);
    const restated = leaves(tree)
      .filter(([p, v]) => {
        const base = p[0] === "services" && p.length > 2 ? valueAt(SERVICE_DEFAULTS[stack], p.slice(2)) : valueAt(PROFILES[stack], p);
        return base !== undefined && JSON.stringify(base) === JSON.stringify(v);
      })
      .map(([p]) => p.join("."));
    expect(restated).toEqual([]);
  });

  it.each(ENVIRONMENTS)("a %s service declared with only image and port gets exactly the service defaults", (env) => {
    const stack = readStackConfig(ROOT, env).values;
    const tree = { ...configTree(stack), services: { a: { image: "repo/a:1.0.0", port: 8080 } } };
    const s = resolveSettings(env, tree);
    expect(s.services.a).toEqual({ image: "repo/a:1.0.0", port: 8080, ...SERVICE_DEFAULTS[env] });
  });
});
