// The SDK's input serialization (sdk/nodejs/runtime/rpc.ts) with a synchronous path for
// plain data. `serializeProperty` is one async call (a promise, an await and a context
// string) for every value in a resource's inputs, most of which are plain strings, numbers,
// lists and maps; here a plain value is copied as the SDK would give it back, and anything
// else (an Output, a promise, a resource, an asset, an unknown, an object of a class) goes
// to the SDK's own function, with the same context, dependencies and options.
import type * as pulumi from "@pulumi/pulumi";

/** The SDK's `serializeProperty`. */
export type SerializeProperty = (ctx: string, prop: unknown, dependentResources: Set<pulumi.Resource> | undefined, opts?: SerializeOptions) => Promise<unknown>;
/** What the SDK's serializers take as options (what this module passes through, and `pendingRegistration`). */
export interface SerializeOptions {
  readonly keepOutputValues?: boolean;
  readonly pendingRegistration?: { inputProperty?: string };
}
type Filtered = [Record<string, unknown>, Map<string, Set<pulumi.Resource>>];

/** A value the synchronous path does not take. */
const NOT_PLAIN: unique symbol = Symbol("not plain");

const isPlainArray = (v: object): v is unknown[] => Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype;
/** An object literal (or `Object.create(null)`): no class, and so none of the SDK's markers but as own keys. */
function isPlainObject(v: object): v is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
/** The SDK tells its own objects by `__pulumi...` members (`__pulumiOutput`, `__pulumiAsset`, ...). */
const hasMarker = (keys: readonly string[]) => keys.some((k) => k.startsWith("__pulumi"));

/**
 * What the SDK's `serializeProperty` resolves `v` to when nothing in it needs the SDK:
 * functions and `undefined` drop out (as null in a list), primitives are themselves, lists
 * and object literals are copied by their own enumerable keys. {@link NOT_PLAIN} when
 * anything in `v` is not such a value.
 */
export function plainSerialized(v: unknown): unknown {
  switch (typeof v) {
    case "function":
      return undefined;
    case "undefined":
    case "boolean":
    case "number":
    case "string":
      return v;
    case "object":
      break;
    default:
      return NOT_PLAIN;
  }
  if (v === null) return null;
  if (isPlainArray(v)) {
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      const e = plainSerialized(v[i]);
      if (e === NOT_PLAIN) return NOT_PLAIN;
      out.push(e === undefined ? null : e);
    }
    return out;
  }
  if (!isPlainObject(v)) return NOT_PLAIN;
  const keys = Object.keys(v);
  if (hasMarker(keys)) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const e = plainSerialized(v[k]);
    if (e === NOT_PLAIN) return NOT_PLAIN;
    if (e !== undefined) out[k] = e;
  }
  return out;
}

/**
 * The SDK's `serializeProperty` (`sdk`) with plain values taken synchronously: a list or
 * object literal holding something else is walked here, key by key in order as the SDK
 * walks it, and only what is not plain is handed to `sdk`.
 */
export function fastSerializeProperty(sdk: SerializeProperty): SerializeProperty {
  const serialize: SerializeProperty = async (ctx, prop, deps, opts) => {
    const plain = plainSerialized(prop);
    if (plain !== NOT_PLAIN) return plain;
    if (typeof prop === "object" && prop !== null) {
      if (isPlainArray(prop)) {
        const out: unknown[] = [];
        for (let i = 0; i < prop.length; i++) {
          const e = await serialize(`${ctx}[${i}]`, prop[i], deps, opts);
          out.push(e === undefined ? null : e);
        }
        return out;
      }
      if (isPlainObject(prop) && !hasMarker(Object.keys(prop))) {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(prop)) {
          const e = await serialize(`${ctx}.${k}`, prop[k], deps, opts);
          if (e !== undefined) out[k] = e;
        }
        return out;
      }
    }
    return sdk(ctx, prop, deps, opts);
  };
  return serialize;
}

/**
 * The SDK's `serializeFilteredProperties`: each accepted key of `props` serialized (by
 * `serialize`), with the resources it depends on; a key whose value serializes to
 * `undefined` is left out; an error names the property, as the SDK's does.
 */
export async function serializeFiltered(
  serialize: SerializeProperty,
  label: string,
  props: Record<string, unknown>,
  acceptKey: (key: string) => boolean,
  opts?: SerializeOptions,
): Promise<Filtered> {
  const dependencies = new Map<string, Set<pulumi.Resource>>();
  const result: Record<string, unknown> = {};
  for (const k of Object.keys(props)) {
    if (!acceptKey(k)) continue;
    if (opts?.pendingRegistration !== undefined) opts.pendingRegistration.inputProperty = k;
    const deps = new Set<pulumi.Resource>();
    let v: unknown;
    try {
      v = await serialize(`${label}.${k}`, props[k], deps, opts);
    } catch (err) {
      // The same error, renamed, as the SDK rethrows it (its handler dedupes by identity).
      if (err instanceof Error) {
        err.message = `error serializing property "${k}": ${err.message}`;
        throw err;
      }
      throw new Error(`error serializing property "${k}": ${String(err)}`);
    }
    if (v !== undefined) {
      result[k] = v;
      dependencies.set(k, deps);
    }
  }
  return [result, dependencies];
}
