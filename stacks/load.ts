import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { SettingProblem, SettingsError } from "./errors";
import { exampleValueProblems } from "./examples";
import { pathText } from "./paths";
import { PROFILES, SERVICE_DEFAULTS, SettingsTree, isTree, merge } from "./profiles";
import { ENVIRONMENTS, Environment, Settings, settingsSchema } from "./schema";

/** The config namespace of every setting: `platform:<key>`. */
const NAMESPACE = "platform";

/**
 * Namespaces whose keys the program does not read but must not reject: the engine's own
 * (`pulumi:disable-default-providers` in `Pulumi.yaml`, `pulumi:tags`).
 */
const ENGINE_NAMESPACES = ["pulumi"] as const;

/** What to set instead of a provider key the program ignores. */
const INSTEAD: Readonly<Record<string, string>> = {
  "aws:region": "set platform:region",
  "aws:defaultTags": "set platform:tags",
  "aws:profile": "pick credentials with AWS_PROFILE or the standard AWS environment variables",
};

/** Levenshtein distance, for "did you mean platform:". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/**
 * Config keys the program would silently drop: every key must be a `platform:` setting
 * or an engine (`pulumi:`) key. A misspelled namespace (`platfrom:network`) and provider
 * keys (`aws:region`: the program builds its own providers from `platform:*`, and
 * `Pulumi.yaml` disables the default ones) are problems, one per key.
 */
export function configKeyProblems(all: Readonly<Record<string, unknown>>): SettingProblem[] {
  const allowed = `platform:<setting> keys (the engine's own pulumi:* keys are also accepted)`;
  return Object.keys(all)
    .sort()
    .flatMap((fullKey): SettingProblem[] => {
      const colon = fullKey.indexOf(":");
      const namespace = colon < 0 ? "" : fullKey.slice(0, colon);
      if (namespace === NAMESPACE || (ENGINE_NAMESPACES as readonly string[]).includes(namespace)) return [];
      const key = colon < 0 ? fullKey : fullKey.slice(colon + 1);
      // The value is not shown: it may be a decrypted secret of another namespace.
      const at = { namespace, path: key, value: undefined, allowed };
      if (namespace !== "" && distance(namespace.toLowerCase(), NAMESPACE) <= 2) {
        return [{ ...at, problem: `is in namespace '${namespace}', which nothing reads (did you mean platform:${key}?)` }];
      }
      const instead = INSTEAD[fullKey];
      return [
        {
          ...at,
          problem: `is ignored: the program builds its own providers from platform:* settings and Pulumi.yaml disables the default ones${instead ? ` (${instead})` : ""}`,
        },
      ];
    });
}

/** Turns flat `namespace:key` config into the settings tree, keeping only `platform:` keys. */
export function configTree(all: Readonly<Record<string, string>>): SettingsTree {
  let tree: SettingsTree = {};
  for (const [fullKey, raw] of Object.entries(all).sort(([a], [b]) => a.localeCompare(b))) {
    if (!fullKey.startsWith(`${NAMESPACE}:`)) continue;
    // A key set without --path ("platform:network.cidr") is read as the path it spells.
    const path = fullKey.slice(NAMESPACE.length + 1).split(".");
    const leaf = path.reduceRight<unknown>((value, key) => ({ [key]: value }), parseConfigValue(raw));
    tree = merge(tree, leaf as SettingsTree);
  }
  return tree;
}

function parseConfigValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * Settings of the running stack, validated: every config key must be one the program
 * reads, and `pulumi up` (not a preview) refuses example values. Throws
 * {@link SettingsError} on bad input, before any resource is registered.
 */
export function loadSettings(): Settings {
  const stack = pulumi.getStack();
  const all = pulumi.runtime.allConfig();
  const keyProblems = configKeyProblems(all);
  if (keyProblems.length > 0) throw new SettingsError(stack, keyProblems);
  return resolveSettings(stack, configTree(all), { dryRun: pulumi.runtime.isDryRun() });
}

/** How the settings will be used. */
export interface ResolveMode {
  /**
   * True for `pulumi preview` and the offline plan, false for `pulumi up`, which refuses
   * example values (stacks/examples.ts).
   */
  readonly dryRun: boolean;
}

/**
 * Applies the environment's defaults under the stack's config and validates the
 * result. Pure: the same input always gives the same settings or the same error.
 *
 * @throws SettingsError naming the stack, each bad setting, its value and what is allowed.
 */
export function resolveSettings(stack: string, config: SettingsTree, mode: ResolveMode = { dryRun: true }): Settings {
  const environment = config.environment ?? (isEnvironment(stack) ? stack : undefined);
  if (!isEnvironment(environment)) {
    throw new SettingsError(stack, [
      {
        path: "environment",
        value: environment,
        problem: environment === undefined ? `is missing (stack '${stack}' is not named after an environment)` : "is not a known environment",
        allowed: ENVIRONMENTS.join(" | "),
      },
    ]);
  }
  // Errors show each service as the stack declared it, not with every default filled in.
  const declared = merge(PROFILES[environment], { ...config, environment });
  const parsed = settingsSchema.safeParse(withServiceDefaults(declared, SERVICE_DEFAULTS[environment]));
  if (!parsed.success) {
    throw new SettingsError(stack, parsed.error.issues.map((issue) => toProblem(issue, declared)));
  }
  const s = parsed.data;
  const examples = exampleValueProblems(s, mode);
  if (examples.length > 0) throw new SettingsError(stack, examples);
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const availabilityZones =
    s.network.availabilityZones ?? Array.from({ length: s.network.azCount }, (_, i) => `${s.region}${letters[i]}`);
  return { ...s, stack, network: { ...s.network, availabilityZones } };
}

/** Each service's settings merged over the environment's service defaults; anything not a map is left for the schema to reject. */
function withServiceDefaults(tree: SettingsTree, defaults: SettingsTree): SettingsTree {
  const services = tree.services;
  if (!isTree(services)) return tree;
  return { ...tree, services: Object.fromEntries(Object.entries(services).map(([name, s]) => [name, isTree(s) ? merge(defaults, s) : s])) };
}

function isEnvironment(value: unknown): value is Environment {
  return (ENVIRONMENTS as readonly unknown[]).includes(value);
}

function toProblem(issue: z.ZodIssue, input: SettingsTree): SettingProblem {
  const path = issue.path;
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0];
    const known = Object.keys(objectShapeAt(settingsSchema, path) ?? {});
    return {
      path: pathText([...path, key]),
      value: valueAt(input, [...path, key]),
      problem: `is not a known setting${issue.keys.length > 1 ? ` (nor ${issue.keys.slice(1).join(", ")})` : ""}`,
      allowed: known.length ? `settings here are ${known.join(", ")}` : undefined,
    };
  }
  const value = valueAt(input, path);
  return { path: pathText(path), value, problem: problemText(issue, value), allowed: describeAt(settingsSchema, path) };
}

function problemText(issue: z.ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return value === undefined ? "is missing" : `has the wrong type (${issue.received}, expected ${issue.expected})`;
    case "invalid_union":
      if (value === undefined) return "is missing";
      return `has the wrong type (${Array.isArray(value) ? "array" : typeof value})`;
    case "invalid_enum_value":
      return "is not one of the allowed values";
    case "too_small":
    case "too_big":
      return issue.type === "number"
        ? "is out of range"
        : issue.type === "array"
          ? `has too ${issue.code === "too_small" ? "few" : "many"} items`
          : `is too ${issue.code === "too_small" ? "short" : "long"}`;
    case "invalid_string":
      return "has the wrong format";
    default:
      return issue.message;
  }
}


function valueAt(tree: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>((node, key) => (isTree(node) || Array.isArray(node) ? (node as never)[key] : undefined), tree);
}

/** The innermost schema under wrappers (optional, default, effects, pipelines). */
function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return unwrap(schema.unwrap());
  if (schema instanceof z.ZodDefault) return unwrap(schema._def.innerType);
  if (schema instanceof z.ZodEffects) return unwrap(schema._def.schema);
  if (schema instanceof z.ZodPipeline) return unwrap(schema._def.in);
  if (schema instanceof z.ZodLazy) return unwrap(schema.schema);
  return schema;
}

/** The first `describe()` text on the way down from `schema` to its innermost type. */
function description(schema: z.ZodTypeAny): string | undefined {
  let s: z.ZodTypeAny | undefined = schema;
  while (s) {
    if (s.description) return s.description;
    const inner = unwrap(s);
    s = inner === s ? undefined : (s as { _def: { innerType?: z.ZodTypeAny; schema?: z.ZodTypeAny; in?: z.ZodTypeAny } })._def.innerType ??
      (s as { _def: { schema?: z.ZodTypeAny } })._def.schema ?? (s as { _def: { in?: z.ZodTypeAny } })._def.in ?? inner;
  }
  return undefined;
}

function childSchema(schema: z.ZodTypeAny, key: string | number): z.ZodTypeAny | undefined {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) return (s.shape as Record<string, z.ZodTypeAny>)[key];
  if (s instanceof z.ZodRecord) return s.valueSchema;
  if (s instanceof z.ZodArray) return s.element;
  return undefined;
}

function schemaAt(schema: z.ZodTypeAny, path: ReadonlyArray<string | number>): z.ZodTypeAny | undefined {
  return path.reduce<z.ZodTypeAny | undefined>((s, key) => (s ? childSchema(s, key) : undefined), schema);
}

function describeAt(schema: z.ZodTypeAny, path: ReadonlyArray<string | number>): string | undefined {
  const s = schemaAt(schema, path);
  return s ? description(s) : undefined;
}

function objectShapeAt(schema: z.ZodTypeAny, path: ReadonlyArray<string | number>): Record<string, unknown> | undefined {
  const s = schemaAt(schema, path);
  const inner = s && unwrap(s);
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, unknown>) : undefined;
}
