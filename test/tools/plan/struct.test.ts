import fc from "fast-check";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { describe, expect, it } from "vitest";
import { lightStruct, structObject, structValue } from "../../../tools/plan/struct";

const fromJavaScript = Struct.fromJavaScript;
const roundTrip = (v: unknown) => Struct.fromJavaScript(v as never).toJavaScript();

/** Objects a Struct can hold: strings, doubles, booleans, null, arrays and objects, with keys that sort differently as numbers. */
const wire = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.string(), fc.double(), fc.boolean(), fc.constant(null), tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("10", "2", "a", "B", "__x")), tie("value"), { maxKeys: 5 }),
}));

const BAD: Record<string, unknown>[] = [{ a: undefined }, { a: () => 1 }, { a: [1, undefined] }, { a: 1n }];

describe("structValue and structObject", () => {
  it("are what a google-protobuf Struct built from the value gives back: the same values, keys sorted", () => {
    fc.assert(
      fc.property(wire.object, (v) => {
        expect(structValue(v)).toStrictEqual(roundTrip(v));
        expect(JSON.stringify(structObject(v))).toBe(JSON.stringify(roundTrip(v)));
      }),
    );
  });

  it("refuse what a Struct cannot hold, as fromJavaScript does", () => {
    for (const bad of BAD) {
      expect(() => roundTrip(bad)).toThrow("Unexpected struct type.");
      expect(() => structValue(bad)).toThrow("Unexpected struct type.");
      expect(() => structObject(bad)).toThrow("Unexpected struct type.");
    }
  });

  it("take a missing object as an empty Struct, as fromJavaScript does", () => {
    expect(roundTrip(undefined)).toEqual({});
    expect(structObject(undefined)).toEqual({});
    expect(structObject(null)).toEqual({});
  });
});

describe("lightStruct", () => {
  it("is a Struct whose toJavaScript, fields, toObject and bytes are the real one's", () => {
    fc.assert(
      fc.property(wire.object, (v) => {
        const real = Struct.fromJavaScript(v as never);
        const light = lightStruct(v, Struct, fromJavaScript);
        expect(light).toBeInstanceOf(Struct);
        expect(JSON.stringify(light.toJavaScript())).toBe(JSON.stringify(real.toJavaScript()));
        expect(light.toObject()).toStrictEqual(real.toObject());
        expect(Buffer.from(light.serializeBinary()).equals(Buffer.from(real.serializeBinary()))).toBe(true);
        expect(light.getFieldsMap().getLength()).toBe(Object.keys(v).length);
      }),
    );
  });

  it("gives a new object on each toJavaScript, as the real one does, and is unchanged by what a reader does to one", () => {
    const light = lightStruct({ b: [1, { c: "x" }], a: true }, Struct, fromJavaScript);
    const first = light.toJavaScript();
    const second = light.toJavaScript();
    expect(second).not.toBe(first);
    expect(JSON.stringify(second)).toBe('{"a":true,"b":[1,{"c":"x"}]}');
    (second.b as unknown[]).push(2);
    expect(JSON.stringify(light.toJavaScript())).toBe('{"a":true,"b":[1,{"c":"x"}]}');
  });

  it("refuses what a Struct cannot hold when it is built, where fromJavaScript throws", () => {
    for (const bad of BAD) expect(() => lightStruct(bad, Struct, fromJavaScript)).toThrow("Unexpected struct type.");
  });

  it("builds the protobuf fields only when they are read, once", () => {
    let built = 0;
    const counting = (obj: unknown) => {
      built++;
      return fromJavaScript(obj as never);
    };
    const light = lightStruct({ a: 1 }, Struct, counting as typeof fromJavaScript);
    light.toJavaScript();
    expect(built).toBe(0);
    expect(light.getFieldsMap().get("a")?.getNumberValue()).toBe(1);
    light.serializeBinary();
    expect(built).toBe(1);
  });
});
