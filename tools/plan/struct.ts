// google-protobuf's `Struct` as the offline plan's recorder uses it: the SDK builds one from
// every registration's inputs (`Struct.fromJavaScript`, a message per value) and the mock
// monitor reads it straight back (`toJavaScript()`); nothing is sent over a wire. The
// functions here give the same values in plain JavaScript, and `lightStruct` a Struct that
// holds them so, building the protobuf fields only if something reads them.
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";

/**
 * `Value.fromJavaScript(v).toJavaScript()` of google-protobuf's struct_pb, in plain
 * JavaScript: strings, numbers, booleans and null as they are, arrays element by element,
 * objects by their enumerable keys in sorted order (a Struct's map iterates sorted); any
 * other value throws as `fromJavaScript` does.
 */
export function structValue(v: unknown): unknown {
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = structValue(v[i]);
    return out;
  }
  if (typeof v === "object") return structObject(v);
  throw new Error("Unexpected struct type.");
}

/**
 * `Struct.fromJavaScript(obj).toJavaScript()`: every enumerable key of `obj` (none for null or
 * undefined), in sorted order, each value as {@link structValue} gives it.
 */
export function structObject(obj: unknown): Record<string, unknown> {
  const values = new Map<string, unknown>();
  if (obj !== null && obj !== undefined) for (const k in obj as object) values.set(k, structValue((obj as Record<string, unknown>)[k]));
  const out: Record<string, unknown> = {};
  for (const k of [...values.keys()].sort()) out[k] = values.get(k);
  return out;
}

/** The SDK's copy of google-protobuf's `Struct`: the class, and its own `fromJavaScript`. */
export interface StructClass {
  new (): Struct;
  fromJavaScript(obj: unknown): Struct;
}

/**
 * What `fromJavaScript` (the SDK's `Struct.fromJavaScript`) would build from `obj`, without
 * building it: the values are converted (and refused) as there, at once; `toJavaScript()`
 * answers from them, the first call with the converted object itself and later calls with
 * a copy (each call of the real one makes a new object; the readers, the SDK's and the
 * recorder's, do not change what they read); the fields map, and with it
 * `toObject()` and binary serialization, come from the real Struct, built on first use.
 */
export function lightStruct(obj: unknown, StructType: StructClass, fromJavaScript: StructClass["fromJavaScript"]): Struct {
  let plain: Record<string, unknown> | undefined = structObject(obj);
  const kept = plain;
  const struct = new StructType();
  let real: Struct | undefined;
  const fields = () => (real ??= fromJavaScript.call(StructType, kept)).getFieldsMap();
  Object.assign(struct, {
    toJavaScript: () => {
      const out = plain ?? structObject(kept);
      plain = undefined;
      return out;
    },
    getFieldsMap: fields,
  });
  return struct;
}
