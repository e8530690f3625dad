import "./lazyTypescript";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { ProgramConfig } from "./config";
import { PlanMocks } from "./mocks";
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
  getObject(): { toJavaScript(): unknown } | undefined;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getDependenciesList(): string[];
  getAliasesList(): { toObject(): unknown }[];
}
type Callback = (err: unknown, resp?: { getUrn(): string }) => void;
interface Monitor {
  newUrn(parent: string, type: string, name: string): string;
  registerResource(req: RegisterRequest, cb: Callback): Promise<void>;
  registerResourceOutputs(req: { getUrn(): string; getOutputs(): { toJavaScript(): unknown } | undefined }, cb: (err: unknown) => void): void;
}

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
  const requests = new Map<string, RegisterRequest>();
  const registered = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) =>
    registered(req, (err, resp) => {
      if (!err && resp) requests.set(resp.getUrn(), req);
      cb(err, resp);
    });
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
  // Each registration sends the engine its source position and whole call stack (an
  // unlimited `new Error().stack`, formatted and parsed: a tenth of the plan's time). A plan
  // records neither, so the recorder skips them while the program runs.
  const sdkResource = pulumi.Resource as unknown as { stackTrace: (skip: number) => unknown[] };
  const stackTrace = sdkResource.stackTrace;
  sdkResource.stackTrace = () => [];
  // The SDK also keeps `new Error().stack` on every promise it makes, for its leak report
  // (a fifth of the plan's time at the default depth of 10). Two frames still name where
  // an error in the program was thrown; PLAN_STACK_TRACES=1 keeps the default depth.
  const stackTraceLimit = Error.stackTraceLimit;
  if (process.env.PLAN_STACK_TRACES !== "1") Error.stackTraceLimit = Math.min(stackTraceLimit, 2);
  try {
    await runProgram(programPath, dependsOn, load);
  } catch (err) {
    if (err && typeof err === "object") (err as { registered?: number }).registered = requests.size;
    throw err;
  } finally {
    sdkResource.stackTrace = stackTrace;
    Error.stackTraceLimit = stackTraceLimit;
    setImmediate(() => process.off("unhandledRejection", swallow));
  }
  await pulumi.runtime.disconnect();


  const dependsOnByUrn = new Map<string, string[]>();
  for (const d of dependsOn) {
    dependsOnByUrn.set(await urnOf(d.resource), (await Promise.all(d.on.map(urnOf))).sort());
  }

  let secrets = 0;
  const clean = (value: unknown): unknown => {
    const { value: out, secrets: n } = scrub(value);
    secrets += n;
    return out;
  };
  const resources = [...requests.entries()].map(([urn, req]): PlanResource => {
    const providerRef = req.getProvider();
    return {
      urn,
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      parent: req.getParent() || null,
      provider: providerRef ? providerRef.slice(0, providerRef.lastIndexOf("::")) : null,
      inputs: (clean(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>) ?? {},
      options: {
        protect: req.getProtect(),
        retainOnDelete: req.getRetainondelete(),
        deleteBeforeReplace: req.getDeletebeforereplace(),
        ignoreChanges: [...req.getIgnorechangesList()].sort(),
        dependsOn: dependsOnByUrn.get(urn) ?? [],
        aliases: req.getAliasesList().map((a) => a.toObject()),
      },
      dependencies: [...new Set(req.getDependenciesList())].sort(),
    };
  });
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
