import "./lazyModules";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import type { ProgramConfig } from "./config";
import { PlanMocks } from "./mocks";
import { patchSdk } from "./sdkPatches";
import { structValue } from "./struct";
import { PlanResource, SECRET, UNKNOWN } from "./types";
import { resourceUrn } from "./urn";

// Signatures the SDK uses on the wire (sdk/nodejs/runtime/rpc.ts).
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SIG_SECRET = "1b47061264138c4ac30d75fd1eb44270";
const SIG_RESOURCE = "5cf8f73096256a8f31e491e813e4eb8e";
const SIG_ASSET = "c44067f5952c0a294b673a41bacd8c17";
const SIG_ARCHIVE = "0def7320c3a5731c473e5ecbe6d01bc7";
const UNKNOWN_WIRE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Everything the program registered, as the engine would have seen it. */
export interface Recording {
  readonly resources: PlanResource[];
  readonly outputs: Record<string, unknown>;
  /** How many secret values were masked in inputs and outputs. */
  readonly secrets: number;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getImportid(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getDependenciesList(): string[];
  getAliasesList(): { toObject(): unknown }[];
  getTransformsList(): { getToken(): string }[];
}
/** What the SDK reads of a registration's answer (a `RegisterResourceResponse`). */
interface RegisterResponse {
  getUrn(): string;
  getId(): string;
  getObject(): { toJavaScript(): Record<string, unknown> };
  getPropertydependenciesMap(): undefined;
  getResult(): number;
  getUnknown(): boolean;
}
type Callback = (err: unknown, resp?: RegisterResponse) => void;
/** The SDK's mock monitor (sdk/nodejs/runtime/mocks.ts), with the members the recorder uses. */
interface Monitor {
  readonly mocks: pulumi.runtime.Mocks;
  readonly resources: Map<string, { urn: string; id: string | null; state: unknown }>;
  readonly transformCallbacks: Map<string, unknown>;
  newUrn(parent: string, type: string, name: string): string;
  registerResource(req: RegisterRequest, cb: Callback): Promise<void>;
  registerResourceOutputs(req: { getUrn(): string; getOutputs(): { toJavaScript(): unknown } | undefined }, cb: (err: unknown) => void): void;
}

/** A registration as recorded, before the program's `dependsOn` are known. */
type Registered = Omit<PlanResource, "options"> & { readonly options: Omit<PlanResource["options"], "dependsOn"> };

/**
 * Runs the real program (`programPath`, the same `index.ts` that `pulumi up` runs) on the
 * SDK's mock monitor, as a preview, and records every registration: each request the
 * monitor receives carries the inputs (with secrets still marked), parent, provider,
 * dependencies and most options; a stack transformation adds `dependsOn`, which the
 * request folds into `dependencies`.
 *
 * `load` requires the program, as `pulumi up` does; a caller without a TypeScript hook
 * (a test) passes a loader that compiles it. `preview` is what
 * `pulumi.runtime.isDryRun()` answers; a test passes `false` to see what `pulumi up`
 * would refuse.
 */
export async function recordProgram(
  stack: string,
  config: ProgramConfig,
  programPath: string,
  load: (file: string) => unknown = require,
  preview = true,
): Promise<Recording> {
  pulumi.runtime.setAllConfig(config.values, config.secretKeys);
  const region = config.values["platform:region"] ?? "us-east-1";
  await pulumi.runtime.setMocks(new PlanMocks(region), "platform", stack, preview);

  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
  // The mock monitor qualifies a type with its immediate parent's type only; the engine
  // uses the parent's whole qualified type. Use that rule (`resourceUrn`), which the diff's
  // alias resolution shares.
  monitor.newUrn = (parent, type, name) => resourceUrn(stack, "platform", parent || null, type, name);
  let secrets = 0;
  const clean = (value: unknown): unknown => {
    const { value: out, secrets: n } = scrub(value);
    secrets += n;
    return out;
  };
  // Each registration is recorded as it succeeds, in the plan's shape, so the request (a
  // protobuf message holding the inputs) is not kept until the program ends.
  const registered = new Map<string, Registered>();
  const record = (urn: string, req: RegisterRequest, wire: Record<string, unknown>): void => {
    const providerRef = req.getProvider();
    registered.set(urn, {
      urn,
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      parent: req.getParent() || null,
      provider: providerRef ? providerRef.slice(0, providerRef.lastIndexOf("::")) : null,
      inputs: (clean(wire) as Record<string, unknown>) ?? {},
      options: {
        protect: req.getProtect(),
        retainOnDelete: req.getRetainondelete(),
        deleteBeforeReplace: req.getDeletebeforereplace(),
        ignoreChanges: [...req.getIgnorechangesList()].sort(),
        aliases: req.getAliasesList().map((a) => a.toObject()),
      },
      dependencies: [...new Set(req.getDependenciesList())].sort(),
    });
  };
  monitor.registerResource = (req, cb) => registerOnMock(monitor, req, cb, record);
  let stackOutputs: unknown = {};
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, cb) => {
    if (req.getUrn().includes("::pulumi:pulumi:Stack::")) stackOutputs = req.getOutputs()?.toJavaScript() ?? {};
    registerOutputs(req, cb);
  };

  const dependsOn: { resource: pulumi.Resource; on: pulumi.Resource[] }[] = [];
  // The SDK rejects both the stack's promise and an internal one with a program's error;
  // the first is rethrown below, so the second must not crash the process.
  const swallow = () => undefined;
  process.on("unhandledRejection", swallow);
  const unpatch = patchSdk();
  try {
    try {
      await runProgram(programPath, dependsOn, load);
    } catch (err) {
      if (err && typeof err === "object") (err as { registered?: number }).registered = registered.size;
      throw err;
    } finally {
      setImmediate(() => process.off("unhandledRejection", swallow));
    }
    // The stack's registration settles before the last resources' do: the SDK finishes
    // those while the runtime disconnects, still under the SDK patches (`patchSdk`).
    await pulumi.runtime.disconnect();
  } finally {
    unpatch();
  }

  const dependsOnByUrn = new Map<string, string[]>();
  for (const d of dependsOn) {
    dependsOnByUrn.set(await urnOf(d.resource), (await Promise.all(d.on.map(urnOf))).sort());
  }

  // The plan's key order (the JSON is written as built).
  const resources = [...registered.values()].map(({ options: o, ...r }): PlanResource => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    custom: r.custom,
    parent: r.parent,
    provider: r.provider,
    inputs: r.inputs,
    options: {
      protect: o.protect,
      retainOnDelete: o.retainOnDelete,
      deleteBeforeReplace: o.deleteBeforeReplace,
      ignoreChanges: o.ignoreChanges,
      dependsOn: dependsOnByUrn.get(r.urn) ?? [],
      aliases: o.aliases,
    },
    dependencies: r.dependencies,
  }));
  resources.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  const outputs = clean(stackOutputs) as Record<string, unknown>;
  return { resources, outputs, secrets };
}

/** Runs the program as the stack's init, noting each resource's `dependsOn` on the way. */
async function runProgram(
  programPath: string,
  dependsOn: { resource: pulumi.Resource; on: pulumi.Resource[] }[],
  load: (file: string) => unknown,
): Promise<void> {
  await pulumi.runtime.runInPulumiStack(async () => {
    pulumi.runtime.registerStackTransformation((args) => {
      const on = args.opts.dependsOn;
      if (on) dependsOn.push({ resource: args.resource, on: (Array.isArray(on) ? on : [on]) as pulumi.Resource[] });
      return undefined;
    });
    return load(path.resolve(programPath));
  });
}

/**
 * The mock monitor's `registerResource` (sdk/nodejs/runtime/mocks.ts), step for step,
 * without its protobuf round trips: the inputs are decoded from the request once (for the
 * mocks and for `record`), and the answer carries the serialized state as the SDK reads
 * it back (`toJavaScript()` of the Struct the mock monitor would have built: the same
 * values, keys sorted, the same error on a value a Struct cannot hold).
 */
async function registerOnMock(
  monitor: Monitor,
  req: RegisterRequest,
  callback: Callback,
  record: (urn: string, req: RegisterRequest, wire: Record<string, unknown>) => void,
): Promise<void> {
  try {
    const transforms = req
      .getTransformsList()
      .map((cb) => monitor.transformCallbacks.get(cb.getToken()))
      .filter((transform) => transform !== undefined);
    const wire = req.getObject()!.toJavaScript();
    const inputs: Record<string, unknown> = {};
    for (const k of Object.keys(wire)) if (wire[k] !== undefined) inputs[k] = rpc.deserializeProperty(wire[k]);
    const result = await monitor.mocks.newResource({
      type: req.getType(),
      name: req.getName(),
      inputs,
      provider: req.getProvider(),
      custom: req.getCustom(),
      id: req.getImportid(),
      transforms,
    } as pulumi.runtime.MockResourceArgs);
    const urn = monitor.newUrn(req.getParent(), req.getType(), req.getName());
    const state = await rpc.serializeProperties("", result.state);
    monitor.resources.set(urn, { urn, id: result.id ?? null, state });
    const object = structValue(state) as Record<string, unknown>;
    record(urn, req, wire);
    const id = result.id || "";
    // Each `toJavaScript()` of a Struct is a new object; the SDK reads it once.
    let fresh: Record<string, unknown> | undefined = object;
    const toJavaScript = () => {
      const out = fresh ?? (structValue(state) as Record<string, unknown>);
      fresh = undefined;
      return out;
    };
    callback(null, {
      getUrn: () => urn,
      getId: () => id,
      getObject: () => ({ toJavaScript }),
      getPropertydependenciesMap: () => undefined,
      getResult: () => 0,
      getUnknown: () => false,
    });
  } catch (err) {
    callback(err, undefined);
  }
}

function urnOf(resource: pulumi.Resource): Promise<string> {
  return new Promise((resolve) => resource.urn.apply((u) => resolve(u)));
}

/**
 * Turns wire values into plain JSON: secrets become {@link SECRET}, unknowns
 * {@link UNKNOWN}, resource references their URN, assets and archives a short tag.
 * Object keys are sorted so plans of one commit are byte-identical.
 */
export function scrub(value: unknown): { value: unknown; secrets: number } {
  let secrets = 0;
  const walk = (v: unknown): unknown => {
    if (v === UNKNOWN_WIRE) return UNKNOWN;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      switch (o[SIG_KEY]) {
        case SIG_SECRET:
          secrets++;
          return SECRET;
        case SIG_RESOURCE:
          return o.urn;
        case SIG_ASSET:
          return `[asset ${String(o.path ?? o.uri ?? "text")}]`;
        case SIG_ARCHIVE:
          return `[archive ${String(o.path ?? o.uri ?? "assets")}]`;
      }
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, walk(o[k])]),
      );
    }
    return v;
  };
  return { value: walk(value), secrets };
}
