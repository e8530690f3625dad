// What the offline plan's recorder changes in the SDK while the program runs, and puts back
// after: work the SDK does for an engine, a debugger or a gRPC wire, that a plan on the mock
// monitor never reads. Each change keeps what the program and the plan see (the same
// registrations, values, dependencies and errors); the plans of a commit are byte-identical
// with and without them (test/tools/plan/sdkPatches.test.ts).
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { type SerializeOptions, type SerializeProperty, fastSerializeProperty, serializeFiltered } from "./serialize";
import { type StructClass, lightStruct } from "./struct";

const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

/** The SDK's promise wrapper (sdk/nodejs/runtime/debuggable.ts). */
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> };
/** The SDK's per-program state (sdk/nodejs/runtime/state.ts): the leak candidates. */
const sdkState = require("@pulumi/pulumi/runtime/state") as { getStore(): { leakCandidates: Set<Promise<unknown>> } };
/** The SDK's serialization (sdk/nodejs/runtime/rpc.ts): `transferProperties` makes a resource's outputs, the others its inputs' wire form. */
const rpc = require("@pulumi/pulumi/runtime/rpc") as {
  transferProperties: TransferProperties;
  serializeProperty: SerializeProperty;
  serializeResourceProperties: (label: string, props: Record<string, unknown>, opts?: SerializeOptions) => Promise<unknown>;
  serializeProperties: (label: string, props: Record<string, unknown>, opts?: SerializeOptions) => Promise<Record<string, unknown>>;
};
/** google-protobuf's Struct, the SDK's own copy. */
const structPb = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [path.join(sdkDir, "runtime")] })) as {
  Struct: StructClass;
};

type Resolver = (value: unknown, isKnown: boolean, isSecret: boolean, deps?: pulumi.Resource[], err?: Error) => void;
type TransferProperties = (onto: Record<string, unknown>, label: string, props: Record<string, unknown>) => Record<string, Resolver>;

/**
 * Makes the recorder's changes; the function returned undoes them. `PLAN_SDK_PATCHES=off`
 * makes none (the SDK as `pulumi up` runs it: to tell whether a change here is behind
 * something a plan shows); `PLAN_STACK_TRACES=1` keeps the SDK's stack traces and promise
 * wrapper; `PULUMI_DEBUG_PROMISE_LEAKS` keeps the wrapper (its report reads what the
 * wrapper attaches).
 */
export function patchSdk(): () => void {
  const undo: (() => void)[] = [];
  if (process.env.PLAN_SDK_PATCHES === "off") return () => undefined;
  const swap = <T extends object, K extends keyof T>(target: T, key: K, value: T[K]) => {
    const was = target[key];
    target[key] = value;
    undo.push(() => {
      target[key] = was;
    });
  };
  // Each registration sends the engine its source position and whole call stack (an
  // unlimited `new Error().stack`, formatted and parsed: a tenth of the plan's time). A plan
  // records neither.
  swap(pulumi.Resource as unknown as { stackTrace: (skip: number) => unknown[] }, "stackTrace", () => []);
  if (process.env.PLAN_STACK_TRACES !== "1") {
    // The SDK also keeps `new Error().stack` on every promise it makes, for its leak report
    // (a fifth of the plan's time at the default depth of 10). Two frames still name where
    // an error in the program was thrown.
    swap(Error, "stackTraceLimit", Math.min(Error.stackTraceLimit, 2));
    // Its id, context and stack are read only by the SDK's PULUMI_DEBUG_PROMISE_LEAKS
    // report; without it, the wrapper only tracks the promise for the leak check at exit.
    if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) swap(debuggable, "debuggablePromise", trackedPromise(debuggable.debuggablePromise));
  }
  // A resource's outputs: one Output (four promises, each wrapped, and the Output's own
  // five) for every property its class declares, about thirty for an AWS resource, where
  // a program reads two or three.
  swap(rpc, "transferProperties", lazyTransferProperties(rpc.transferProperties));
  // Every value of every registration's inputs serialized by an async call of its own
  // (and the mock's answer serialized again).
  const serialize = fastSerializeProperty(rpc.serializeProperty);
  swap(rpc, "serializeProperty", serialize);
  swap(rpc, "serializeResourceProperties", (label, props, opts) => serializeFiltered(serialize, label, props, (k) => k !== "id" && k !== "urn", opts));
  swap(rpc, "serializeProperties", async (label, props, opts) => (await serializeFiltered(serialize, label, props, () => true, opts))[0]);
  // Every registration's inputs, built into protobuf messages to be read straight back.
  const fromJavaScript = structPb.Struct.fromJavaScript;
  swap(structPb.Struct, "fromJavaScript", (obj: unknown): Struct => lightStruct(obj, structPb.Struct, fromJavaScript));
  return () => {
    for (const u of undo.reverse()) u();
  };
}

/**
 * The SDK's `debuggablePromise` without what only its debug report reads: the promise is a
 * leak candidate until it settles (the SDK's check at exit), and a rejection names it, as
 * there; its id, context and stack are not attached. The first call goes to the SDK's own,
 * which schedules the check.
 */
function trackedPromise(sdk: typeof debuggable.debuggablePromise): typeof debuggable.debuggablePromise {
  let scheduled = false;
  return <T>(p: Promise<T>, ctx: unknown): Promise<T> => {
    if (!scheduled) {
      scheduled = true;
      return sdk(p, ctx);
    }
    const candidates = sdkState.getStore().leakCandidates;
    candidates.add(p);
    return p
      .then((val) => {
        candidates.delete(p);
        return val;
      })
      .catch((err: { promise?: Promise<unknown> }) => {
        candidates.delete(p);
        err.promise = p;
        throw err;
      });
  };
}

/**
 * The SDK's `transferProperties`, property by property on first read: each property of
 * `onto` is an accessor that, read (or written) the first time, becomes the plain property
 * the SDK would have set, its Output made by the SDK's own function and settled with what
 * the registration has answered so far. A property nobody reads costs a closure, not an
 * Output. The resolvers returned are called as the SDK calls them.
 */
export function lazyTransferProperties(sdk: TransferProperties): TransferProperties {
  return (onto, label, props) => {
    const resolvers: Record<string, Resolver> = {};
    for (const k of Object.keys(props)) {
      if (k === "id" || k === "urn") continue;
      if (Object.prototype.hasOwnProperty.call(onto, k)) throw new Error(`Property '${k}' is already initialized on target '${label}`);
      let settle: Resolver | undefined;
      let answer: Parameters<Resolver> | undefined;
      const define = (value: unknown) => Object.defineProperty(onto, k, { value, writable: true, enumerable: true, configurable: true });
      Object.defineProperty(onto, k, {
        enumerable: true,
        configurable: true,
        get() {
          // The SDK's function sets the property (an Output of `onto`) once the accessor is gone.
          delete onto[k];
          settle = sdk(onto, label, { [k]: props[k] })[k];
          if (answer) settle(...answer);
          return onto[k];
        },
        set: define,
      });
      resolvers[k] = (...args) => {
        if (settle) settle(...args);
        else answer = args;
      };
    }
    return resolvers;
  };
}
