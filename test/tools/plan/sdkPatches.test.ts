import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { describe, expect, it } from "vitest";
import { lazyTransferProperties, patchSdk } from "../../../tools/plan/sdkPatches";
import { PLAN_CACHE } from "../../support/plans";
import { runPlan } from "../../support/run";

type Resolver = (value: unknown, isKnown: boolean, isSecret: boolean, deps?: pulumi.Resource[], err?: Error) => void;
type Transfer = (onto: Record<string, unknown>, label: string, props: Record<string, unknown>) => Record<string, Resolver>;
const rpc = require("@pulumi/pulumi/runtime/rpc") as { transferProperties: Transfer; serializeProperty: unknown; serializeProperties: unknown; serializeResourceProperties: unknown };
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: unknown };

/** What an SDK Output holds, read through its internal members. */
interface OutputInternals {
  promise(withUnknowns?: boolean): Promise<unknown>;
  isSecret: Promise<boolean>;
  resources(): Set<unknown>;
}
const internals = (o: unknown) => o as OutputInternals;

/** The SDK's own transferProperties, counting the properties it is asked to make. */
function countingSdk(): { sdk: Transfer; made: string[] } {
  const made: string[] = [];
  const sdk: Transfer = (onto, label, props) => {
    made.push(...Object.keys(props));
    return rpc.transferProperties(onto, label, props);
  };
  return { sdk, made };
}

describe("lazyTransferProperties", () => {
  const props = { arn: undefined, name: "n", tags: undefined, id: undefined, urn: undefined };

  it("declares every property but id and urn, and makes an Output only for one that is read", () => {
    const { sdk, made } = countingSdk();
    const onto: Record<string, unknown> = {};
    const resolvers = lazyTransferProperties(sdk)(onto, "resource:r[t]", props);
    expect(Object.keys(resolvers)).toEqual(["arn", "name", "tags"]);
    expect(Object.keys(onto)).toEqual(["arn", "name", "tags"]);
    expect(made).toEqual([]);
    expect(pulumi.Output.isInstance(onto.arn)).toBe(true);
    expect(made).toEqual(["arn"]);
    expect(onto.arn).toBe(onto.arn);
    expect(Object.getOwnPropertyDescriptor(onto, "arn")).toMatchObject({ writable: true, enumerable: true, configurable: true });
    expect(made).toEqual(["arn"]);
  });

  it("settles an Output read before the answer, and one read after it, with the answer; each belongs to its resource", async () => {
    const onto: Record<string, unknown> = {};
    const resolvers = lazyTransferProperties(rpc.transferProperties)(onto, "resource:r[t]", props);
    const early = internals(onto.arn);
    resolvers.arn("arn:aws:x", true, false);
    resolvers.name("n", true, true);
    expect(await early.promise()).toBe("arn:aws:x");
    const late = internals(onto.name);
    expect(await late.promise()).toBe("n");
    expect(await late.isSecret).toBe(true);
    expect([...early.resources()]).toEqual([onto]);
    expect([...late.resources()]).toEqual([onto]);
  });

  it("rejects a read Output with the registration's error", async () => {
    const onto: Record<string, unknown> = {};
    const resolvers = lazyTransferProperties(rpc.transferProperties)(onto, "resource:r[t]", props);
    resolvers.tags(undefined, true, false, [], new Error("registration failed"));
    const tags = internals(onto.tags);
    await expect(tags.promise()).rejects.toThrow("registration failed");
    await expect(tags.isSecret).rejects.toThrow("registration failed");
    await expect((tags as unknown as { isKnown: Promise<boolean> }).isKnown).rejects.toThrow("registration failed");
  });

  it("refuses a property already set, as the SDK does, and lets a written one stand", () => {
    const lazy = lazyTransferProperties(rpc.transferProperties);
    const taken = { arn: 1 };
    expect(() => lazy(taken, "resource:r[t]", props)).toThrow("Property 'arn' is already initialized on target 'resource:r[t]");
    expect(() => rpc.transferProperties({ arn: 1 }, "resource:r[t]", props)).toThrow("Property 'arn' is already initialized on target 'resource:r[t]");
    const onto: Record<string, unknown> = {};
    const resolvers = lazy(onto, "resource:r[t]", props);
    onto.arn = "written";
    resolvers.arn("answered", true, false);
    expect(onto.arn).toBe("written");
  });
});

describe("patchSdk", () => {
  const current = () => ({
    transferProperties: rpc.transferProperties,
    serializeProperty: rpc.serializeProperty,
    serializeProperties: rpc.serializeProperties,
    serializeResourceProperties: rpc.serializeResourceProperties,
    fromJavaScript: Struct.fromJavaScript,
    debuggablePromise: debuggable.debuggablePromise,
    stackTrace: (pulumi.Resource as unknown as { stackTrace: unknown }).stackTrace,
    stackTraceLimit: Error.stackTraceLimit,
  });

  it("changes the SDK's transferProperties, serializers, Struct.fromJavaScript, promise wrapper, stack capture and depth, and puts them back", () => {
    const before = current();
    const unpatch = patchSdk();
    try {
      const during = current();
      for (const key of Object.keys(before) as (keyof typeof before)[]) expect(during[key], key).not.toBe(before[key]);
      expect(Error.stackTraceLimit).toBe(2);
      expect(Struct.fromJavaScript({ b: 1, a: "x" } as never).toJavaScript()).toEqual({ a: "x", b: 1 });
    } finally {
      unpatch();
    }
    expect(current()).toEqual(before);
  });

  it("changes nothing under PLAN_SDK_PATCHES=off", () => {
    const before = current();
    process.env.PLAN_SDK_PATCHES = "off";
    try {
      const unpatch = patchSdk();
      expect(current()).toEqual(before);
      unpatch();
    } finally {
      delete process.env.PLAN_SDK_PATCHES;
    }
  });

  it("leaves the prod plan byte-identical to one recorded on the SDK unchanged (PLAN_SDK_PATCHES=off)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-unpatched-"));
    const file = path.join(dir, "prod.json");
    // The child takes the environment when it starts.
    process.env.PLAN_SDK_PATCHES = "off";
    const running = runPlan("--stack", "prod", "--quiet", "--json", file);
    delete process.env.PLAN_SDK_PATCHES;
    const r = await running;
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const unpatched = fs.readFileSync(file, "utf8");
    fs.rmSync(dir, { recursive: true, force: true });
    expect(unpatched === fs.readFileSync(path.join(PLAN_CACHE, "prod.json"), "utf8")).toBe(true);
  });
});
