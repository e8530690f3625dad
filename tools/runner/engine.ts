import type {
  EnforcementLevel,
  PolicyProviderResource,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { UNKNOWN } from "../plan/types";
import type { PlanPolicy, PlanResource, PlanViolation } from "../plan/types";
import { isStackPolicy, PlatformPolicy } from "../../policies/lib/types";
import { UNKNOWN_STRING_SENTINEL, isUnknownValueError, unknownCheckingProxy } from "../../policies/lib/unknown";
import { APPLIES_TO } from "../../policies/lib/resource";
import type { PolicySettings } from "./config";
import { propertyDependencies, tokenIndex } from "./references";

/** What one pack's run produced. */
export interface PolicyRunResult {
  readonly policies: PlanPolicy[];
  readonly violations: PlanViolation[];
}

/** Everything a run needs besides the policies. */
export interface RunContext {
  readonly packName: string;
  readonly packVersion: string;
  readonly settings: ReadonlyMap<string, PolicySettings>;
  readonly stackTags: ReadonlyMap<string, string>;
  /** The stack outputs, which the engine shows stack policies as the root stack resource's props. */
  readonly outputs?: Record<string, unknown>;
}

/**
 * Thrown by `notApplicable()`. Not an `Error`: policies call it for most resources they
 * see, and capturing a stack trace each time made it the runner's hottest path.
 */
class NotApplicableError {
  constructor(readonly reason?: string) {}
}
const notApplicable = (reason?: string): never => {
  throw new NotApplicableError(reason);
};

/** The engine's `__pulumiType` fast path: a class's type token, if it has one. */
function pulumiTypeOf(resourceClass: unknown): string | undefined {
  const t = (resourceClass as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof t === "string" && t.length > 0 ? t : undefined;
}

/**
 * The types a validation applies to, when it says so (`__pulumiType`, or the list of
 * {@link APPLIES_TO}): it reports any other resource not applicable, which ends its run
 * quietly, so the runner does not call it for them.
 */
function typesOf(validation: unknown): readonly string[] | undefined {
  const many = (validation as { [APPLIES_TO]?: readonly string[] })[APPLIES_TO];
  if (many) return many;
  const one = pulumiTypeOf(validation);
  return one ? [one] : undefined;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
  const token = pulumiTypeOf(resourceClass);
  if (token) return type === token;
  const isInstance = (resourceClass as { isInstance?: (o: unknown) => boolean }).isInstance;
  return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** Plan values as the engine hands them to policies: unknowns become the engine's sentinel; secrets stay opaque. */
function engineValue(value: unknown): unknown {
  if (value === UNKNOWN) return UNKNOWN_STRING_SENTINEL;
  if (Array.isArray(value)) return value.map(engineValue);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, engineValue(v)]));
  return value;
}

// Plan values converted once per object; each run still gets its own proxy over them.
const converted = new WeakMap<object, Record<string, unknown>>();

function propsOf(values: Record<string, unknown>): Record<string, any> {
  let value = converted.get(values);
  if (!value) {
    value = engineValue(values) as Record<string, unknown>;
    converted.set(values, value);
  }
  return unknownCheckingProxy(value);
}

function optionsOf(r: PlanResource): PolicyResourceOptions {
  return {
    protect: r.options.protect,
    ignoreChanges: [...r.options.ignoreChanges],
    deleteBeforeReplace: r.options.deleteBeforeReplace,
    aliases: r.options.aliases.map((a) => (typeof a === "string" ? a : JSON.stringify(a))),
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(r.parent ? { parent: r.parent } : {}),
  };
}

/** The region the offline plan's mock used for ARNs: the AWS provider's, else us-east-1. */
function regionOf(resources: readonly PlanResource[]): string {
  const provider = resources.find((r) => r.type === "pulumi:providers:aws" && typeof r.inputs.region === "string");
  return (provider?.inputs.region as string | undefined) ?? "us-east-1";
}

/**
 * Runs one pack's policies over a plan's resources the way the Pulumi engine's analyzer
 * does during preview: resource policies once per resource with its inputs as `props`,
 * stack policies once with every resource linked to its parent, dependencies,
 * property dependencies and provider. A policy that touches a value unknown during
 * preview gets the engine's advisory diagnostic ("can't run policy ... during preview:
 * ..."), whatever its enforcement level; `notApplicable` ends a run quietly; any other
 * error fails the whole run, naming the policy.
 */
export async function runPolicies(policies: readonly PlatformPolicy[], resources: readonly PlanResource[], ctx: RunContext): Promise<PolicyRunResult> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  // Each type's resources, in plan order.
  const byType = new Map<string, PlanResource[]>();
  for (const r of resources) {
    const list = byType.get(r.type);
    if (list) list.push(r);
    else byType.set(r.type, [r]);
  }
  const violations: PlanViolation[] = [];
  const planPolicies: PlanPolicy[] = [];
  const providerOf = (r: PlanResource): PolicyProviderResource | undefined => {
    const p = r.provider ? byUrn.get(r.provider) : undefined;
    return p ? { type: p.type, props: propsOf(p.inputs), urn: p.urn, name: p.name } : undefined;
  };
  // Built once per run; the engine rebuilds it per policy, but policies only read it.
  let stackView: PolicyResource[] | undefined;
  const from = (p: PlatformPolicy) => `policy '${p.name}' from policy pack '${ctx.packName}@v${ctx.packVersion}'`;

  for (const policy of [...policies].sort((a, b) => a.name.localeCompare(b.name))) {
    const settings = ctx.settings.get(policy.name) ?? { enforcementLevel: "advisory" as EnforcementLevel, config: {} };
    planPolicies.push({
      name: policy.name,
      description: policy.description,
      severity: policy.severity,
      enforcementLevel: settings.enforcementLevel,
      frameworks: [...policy.frameworks],
    });
    if (settings.enforcementLevel === "disabled") continue;
    const level = settings.enforcementLevel === "remediate" ? "mandatory" : settings.enforcementLevel;
    const getConfig = <T extends object>() => ({ ...settings.config }) as T;
    const report = (urn: string | null) => (message: string, reportedUrn?: string) => violations.push({ policy: policy.name, enforcementLevel: level, urn: reportedUrn ?? urn, message });
    const handle = (err: unknown, urn: string | null) => {
      if (err instanceof NotApplicableError) return;
      if (isUnknownValueError(err)) {
        violations.push({ policy: policy.name, enforcementLevel: "advisory", urn, message: `can't run ${from(policy)} during preview: ${err.message}` });
      } else throw new Error(`Error validating resource with ${from(policy)}: ${(err as Error)?.stack ?? String(err)}`);
    };

    if (isStackPolicy(policy)) {
      stackView ??= stackResources(resources, byUrn, ctx, providerOf);
      const args: StackValidationArgs = { resources: stackView, getConfig, stackTags: ctx.stackTags, notApplicable };
      try {
        await policy.validateStack(args, (message, urn) => report(null)(message, urn));
      } catch (err) {
        handle(err, null);
      }
      continue;
    }
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : policy.validateResource ? [policy.validateResource] : [];
    const types = validations.map(typesOf);
    const union = types.every((t) => t !== undefined) ? new Set(types.flat()) : undefined;
    const candidates = !union ? resources : union.size === 1 ? (byType.get([...union][0]) ?? []) : resources.filter((r) => union.has(r.type));
    for (const r of candidates) {
      for (const [i, validate] of validations.entries()) {
        if (types[i] && !types[i].includes(r.type)) continue;
        const props = propsOf(r.inputs);
        const provider = providerOf(r);
        const args: ResourceValidationArgs = {
          type: r.type,
          props,
          urn: r.urn,
          name: r.name,
          opts: optionsOf(r),
          stackTags: ctx.stackTags,
          isType: (cls) => isTypeOf(r.type, cls),
          asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"],
          getConfig,
          notApplicable,
          ...(provider ? { provider } : {}),
        };
        try {
          // The engine ignores the urn a resource validation reports: it is always the resource's.
          await validate(args, (message) => report(r.urn)(message));
        } catch (err) {
          handle(err, r.urn);
        }
      }
    }
  }
  const order = (v: PlanViolation) => `${v.policy}\u0000${v.urn ?? ""}\u0000${v.message}`;
  violations.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { policies: planPolicies, violations };
}

/** The stack's resources in the `PolicyResource` shape, linked to each other. */
function stackResources(
  resources: readonly PlanResource[],
  byUrn: ReadonlyMap<string, PlanResource>,
  ctx: RunContext,
  providerOf: (r: PlanResource) => PolicyProviderResource | undefined,
): PolicyResource[] {
  const { byProperty } = referencesOf(resources, byUrn);
  const linked = new Map<string, PolicyResource>();
  for (const r of resources) {
    const values = r.type === "pulumi:pulumi:Stack" && ctx.outputs ? ctx.outputs : r.inputs;
    const props = propsOf(values);
    const provider = providerOf(r);
    linked.set(r.urn, {
      type: r.type,
      props,
      urn: r.urn,
      name: r.name,
      opts: optionsOf(r),
      dependencies: [],
      propertyDependencies: {},
      isType: (cls) => isTypeOf(r.type, cls),
      asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"],
      ...(provider ? { provider } : {}),
    });
  }
  for (const r of resources) {
    const target = linked.get(r.urn)!;
    const parent = r.parent ? linked.get(r.parent) : undefined;
    if (parent) target.parent = parent;
    const deps = byProperty.get(r)!;
    const dependencies = new Set([...r.dependencies, ...Object.values(deps).flat()]);
    target.dependencies = [...dependencies].map((u) => linked.get(u)).filter((d): d is PolicyResource => d !== undefined);
    for (const [key, urns] of Object.entries(deps)) target.propertyDependencies[key] = urns.map((u) => linked.get(u)!);
  }
  return [...linked.values()];
}

/** The references between a plan's resources (by URN), which every pack's run of the same plan reads. */
interface References {
  readonly byProperty: ReadonlyMap<PlanResource, Record<string, string[]>>;
}
const references = new WeakMap<readonly PlanResource[], References>();

/** Each resource's property dependencies, computed once per plan (packs run one after the other over the same resources). */
function referencesOf(resources: readonly PlanResource[], byUrn: ReadonlyMap<string, PlanResource>): References {
  const cached = references.get(resources);
  if (cached) return cached;
  const region = regionOf(resources);
  const index = tokenIndex(resources, region);
  const byProperty = new Map(resources.map((r) => [r, propertyDependencies(r, byUrn, region, index)]));
  const computed = { byProperty };
  references.set(resources, computed);
  return computed;
}

