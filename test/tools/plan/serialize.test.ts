import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SerializeProperty, fastSerializeProperty, plainSerialized, serializeFiltered } from "../../../tools/plan/serialize";

/** The SDK's own serializers (sdk/nodejs/runtime/rpc.ts), as the program's registrations use them. */
const rpc = require("@pulumi/pulumi/runtime/rpc") as {
  serializeProperty: SerializeProperty;
  serializeResourceProperties: (label: string, props: Record<string, unknown>, opts?: object) => Promise<[Record<string, unknown>, Map<string, Set<unknown>>]>;
};

/** Plain inputs as programs write them: primitives, undefined, functions, lists (with holes) and object literals. */
const plain = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(() => 1),
    tie("array"),
    tie("object"),
  ),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(fc.string(), tie("value"), { maxKeys: 5 }),
}));

/** An Output that belongs to `resources`, as a resource's own outputs do. */
function outputOf<T>(value: T, resources: object[], secret = false): pulumi.Output<T> {
  const Output = pulumi.Output as unknown as new (...args: unknown[]) => pulumi.Output<T>;
  return new Output(new Set(resources), Promise.resolve(value), Promise.resolve(true), Promise.resolve(secret), Promise.resolve([]));
}
const resource = (name: string) => ({ __pulumiResource: true, name });

describe("plainSerialized", () => {
  it("is what the SDK's serializeProperty resolves a plain value to", async () => {
    await fc.assert(
      fc.asyncProperty(plain.value, async (v) => {
        expect(plainSerialized(v)).toStrictEqual(await rpc.serializeProperty("x", v, new Set()));
      }),
    );
  });

  it("declines what the SDK must handle: outputs, promises, resources, assets, unknowns, class instances and marked literals", () => {
    const declined = [
      pulumi.output(1),
      Promise.resolve(1),
      new pulumi.asset.StringAsset("x"),
      { nested: [pulumi.output("y")] },
      { __pulumiOutput: true },
      new Date(0),
      new (class Thing {})(),
      1n,
    ];
    for (const v of declined) expect(typeof plainSerialized(v)).toBe("symbol");
  });
});

describe("fastSerializeProperty", () => {
  it("hands the SDK only what is not plain, with the SDK's context, and gives what the SDK gives for the whole", async () => {
    const calls: string[] = [];
    const spy: SerializeProperty = (ctx, prop, deps, opts) => {
      calls.push(ctx);
      return rpc.serializeProperty(ctx, prop, deps, opts);
    };
    const a = resource("a");
    const b = resource("b");
    const value = { name: "x", list: ["y", outputOf("z", [a]), undefined], nested: { secret: outputOf("s", [b], true), n: 1, f: () => 2 }, p: Promise.resolve([1]) };
    const fastDeps = new Set<pulumi.Resource>();
    const sdkDeps = new Set<pulumi.Resource>();
    const fast = await fastSerializeProperty(spy)("l", value, fastDeps, { keepOutputValues: false });
    expect(calls).toEqual(["l.list[1]", "l.nested.secret", "l.p"]);
    expect(fast).toStrictEqual(await rpc.serializeProperty("l", value, sdkDeps, { keepOutputValues: false }));
    expect([...fastDeps]).toEqual([a, b]);
    expect([...sdkDeps]).toEqual([a, b]);
  });
});

describe("serializeFiltered", () => {
  const serialize = fastSerializeProperty(rpc.serializeProperty);
  const accept = (k: string) => k !== "id" && k !== "urn";

  it("gives the SDK's serializeResourceProperties' values and per-property dependencies, and notes the property it is on", async () => {
    const a = resource("a");
    const props = { id: "skip", urn: "skip", bucket: outputOf("b", [a]), tags: { team: "x" }, gone: undefined, policy: pulumi.output({ v: [1] }) };
    const pending: { inputProperty?: string } = {};
    const [values, deps] = await serializeFiltered(serialize, "resource:r[t]", props, accept, { pendingRegistration: pending });
    const [sdkValues, sdkDeps] = await rpc.serializeResourceProperties("resource:r[t]", props, {});
    expect(values).toStrictEqual(sdkValues);
    expect(Object.keys(values)).toEqual(["bucket", "tags", "policy"]);
    expect([...deps.keys()]).toEqual([...sdkDeps.keys()]);
    for (const [k, set] of deps) expect([...set], k).toEqual([...sdkDeps.get(k)!]);
    expect(deps.get("bucket")).toEqual(new Set([a]));
    expect(pending.inputProperty).toBe("policy");
  });

  it("names the property whose value failed, as the SDK does", async () => {
    const props = { ok: 1, broken: { deep: Promise.reject(new Error("boom")) } };
    await expect(serializeFiltered(serialize, "resource:r[t]", props, accept)).rejects.toThrow('error serializing property "broken": boom');
    const again = { ok: 1, broken: { deep: Promise.reject(new Error("boom")) } };
    await expect(rpc.serializeResourceProperties("resource:r[t]", again)).rejects.toThrow('error serializing property "broken": boom');
  });
});
