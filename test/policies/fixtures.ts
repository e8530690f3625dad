import type { PlatformPolicy } from "../../policies/lib/types";
import { reconcile } from "../../tools/runner/config";
import { runPolicies } from "../../tools/runner/engine";
import { mentions, referenceTokens } from "../../tools/runner/references";
import { offlineStackTags } from "../../tools/runner";
import type { PlanResource } from "../../tools/plan/types";

/** The region and account the fixtures' ARNs use, as the offline plan's mock does. */
const REGION = "us-east-1";
const ACCOUNT = "123456789012";

/** The ARN the offline plan's mock gives a resource of `type` named `name`. */
export function arn(type: string, name: string): string {
  const m = /^aws:([a-z0-9]+)\/([a-zA-Z0-9]+):/.exec(type)!;
  return `arn:aws:${m[1].toLowerCase()}:${REGION}:${ACCOUNT}:${m[2].toLowerCase()}/${name}`;
}

/** The ID the offline plan's mock gives a resource named `name`. */
export const id = (name: string) => `${name}-id`;

/** A recorded resource with defaults for everything a fixture does not care about. */
export function resource(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<PlanResource> = {}): PlanResource {
  return {
    urn: `urn:pulumi:test::platform::${type}::${name}`,
    type,
    name,
    custom: !type.startsWith("platform:"),
    parent: null,
    provider: null,
    inputs,
    options: { protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], dependsOn: [], aliases: [] },
    dependencies: [],
    ...extra,
  };
}

/** A set of fixture resources that mutations change one field at a time. */
export class World {
  private readonly byName = new Map<string, PlanResource>();

  constructor(resources: readonly PlanResource[]) {
    for (const r of resources) this.add(r);
  }

  /** Adds (or replaces) a resource. */
  add(r: PlanResource): this {
    this.byName.set(r.name, JSON.parse(JSON.stringify(r)) as PlanResource);
    return this;
  }

  /** The resource named `name`; fails when there is none. */
  get(name: string): PlanResource {
    const r = this.byName.get(name);
    if (!r) throw new Error(`fixture has no resource named ${name}`);
    return r;
  }

  /** Sets the input at a dotted path (`rules.0.action`); `undefined` deletes it. */
  set(name: string, path: string, value: unknown): this {
    const keys = path.split(".");
    let node = this.get(name).inputs as Record<string, any>;
    for (const k of keys.slice(0, -1)) {
      node[k] ??= /^\d+$/.test(k) ? [] : {};
      node = node[k];
    }
    const last = keys[keys.length - 1];
    if (value === undefined) {
      if (Array.isArray(node)) node.splice(Number(last), 1);
      else delete node[last];
    } else node[last] = value;
    return this;
  }

  /** Removes a resource. */
  remove(name: string): this {
    if (!this.byName.delete(name)) throw new Error(`fixture has no resource named ${name}`);
    return this;
  }

  /**
   * The resources as a plan records them, with `dependencies` filled in: every other
   * resource whose mock ID, ARN, URN or computed output the inputs mention.
   */
  resources(): PlanResource[] {
    const all = [...this.byName.values()];
    return all.map((r) => {
      const texts = JSON.stringify(r.inputs);
      const deps = all.filter((d) => d !== r && referenceTokens(d, REGION).some((t) => mentions(texts, t))).map((d) => d.urn);
      return { ...r, dependencies: [...new Set([...r.dependencies, ...deps])].sort() };
    });
  }
}

/** The outcome of running one policy: `name: message` per violation (advisory ones prefixed `[advisory] `). */
export interface PolicyOutcome {
  readonly violations: string[];
}

/**
 * Runs one policy as the offline runner does (mandatory, with its schema defaults and
 * `config` on top) and returns its violations as `<resource name>: <message>`.
 */
export async function runPolicy(
  policy: PlatformPolicy,
  resources: readonly PlanResource[],
  opts: { config?: Record<string, unknown>; outputs?: Record<string, unknown>; stackTags?: ReadonlyMap<string, string> } = {},
): Promise<PolicyOutcome> {
  const settings = reconcile(
    { dir: "test", name: "test-pack", description: "", enforcementLevel: "mandatory", policies: [policy] },
    { [policy.name]: { enforcementLevel: "mandatory", ...(opts.config ?? {}) } },
  );
  const result = await runPolicies([policy], resources, {
    packName: "test-pack",
    packVersion: "0.0.0",
    settings,
    stackTags: opts.stackTags ?? offlineStackTags(resources),
    outputs: opts.outputs,
  });
  return {
    violations: result.violations.map(
      (v) => `${v.enforcementLevel === "advisory" ? "[advisory] " : ""}${v.urn ? v.urn.slice(v.urn.lastIndexOf("::") + 2) : "(stack)"}: ${v.message}`,
    ),
  };
}

/** One violating change to a compliant world, and the exact violations it must cause. */
export interface Mutation {
  /** What the change breaks, e.g. `storageEncrypted false`. */
  readonly name: string;
  readonly apply: (world: World) => void;
  /** `<resource name>: <message>` of every violation, in report order. */
  readonly expect: readonly string[];
  /** Config for this case only (e.g. a stack that allows a restricted public endpoint). */
  readonly config?: Record<string, unknown>;
}
