import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readStackConfig } from "../../../tools/plan/config";
import { recordProgram, scrub } from "../../../tools/plan/record";
import { PLAN_CACHE } from "../../support/plans";
import { ROOT, TS_NODE_ARGS } from "../../support/run";

describe("scrub", () => {
  const sig = "4dabf18193072939515e22adb298388d";
  it("masks secrets, marks unknowns, resolves references and sorts keys", () => {
    const wire = {
      z: { [sig]: "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" },
      a: ["04da6b54-80e4-46f7-96ec-b56ff0331ba9", { [sig]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:s::p::t::n" }],
      m: { b: 1, a: { [sig]: "1b47061264138c4ac30d75fd1eb44270", value: { nested: "x" } } },
    };
    const { value, secrets } = scrub(wire);
    expect(JSON.stringify(value)).toBe('{"a":["[unknown]","urn:pulumi:s::p::t::n"],"m":{"a":"[secret]","b":1},"z":"[secret]"}');
    expect(secrets).toBe(2);
    expect(JSON.stringify(value)).not.toContain("hunter2");
  });
});

describe("recordProgram on bad settings", () => {
  it("throws the settings error before any resource but the stack is registered", async () => {
    // The program is loaded with require(), as `pulumi up` does; tsx's scoped require
    // compiles it here without hooking the rest of the worker.
    const tsx = require("tsx/cjs/api") as { require: (id: string, from: string) => unknown };
    const load = (file: string) => tsx.require(file, __filename);
    const root = path.resolve(__dirname, "../../..");
    const config = readStackConfig(root, "prod", ["network.cidr=10.0.0.0/33"]);
    const err = (await recordProgram("prod", config, path.join(root, "index.ts"), load).catch((e: unknown) => e)) as Error & { registered: number };
    expect(err.name).toBe("SettingsError");
    expect(err.message).toContain('platform:network.cidr = "10.0.0.0/33"');
    expect(err.registered).toBeLessThanOrEqual(1);
  });
});

describe("the recorder's load and run costs", () => {
  it("does not load the TypeScript compiler or npm's arborist with the SDK, and runs the program with two-frame stacks and untraced promises, restored after", () => {
    // Inside the project, so the program resolves the project's @pulumi/pulumi.
    fs.mkdirSync(PLAN_CACHE, { recursive: true });
    const dir = fs.mkdtempSync(path.join(PLAN_CACHE, "record-cost-"));
    const program = path.join(dir, "program.ts");
    // A program that notes the stack depth and whether the SDK's position capture is active.
    fs.writeFileSync(
      program,
      'import * as pulumi from "@pulumi/pulumi";\n' +
        "const debuggable = require(\"@pulumi/pulumi/runtime/debuggable\");\n" +
        "const p = Promise.resolve(1);\n" +
        "debuggable.debuggablePromise(p, \"ctx\");\n" +
        "(globalThis as Record<string, unknown>).seen = { limit: Error.stackTraceLimit, positions: (pulumi.Resource as unknown as { stackTrace(n: number): unknown[] }).stackTrace(0).length, promiseStack: typeof (p as unknown as { _debugStackTrace?: string })._debugStackTrace };\n" +
        'new pulumi.ComponentResource("test:index:Thing", "thing");\n',
    );
    // Compile the fresh program once, so the measured run finds it in the compile cache as
    // the plan finds the project's modules (a cache miss loads TypeScript by design).
    const warm = spawnSync(
      process.execPath,
      [...TS_NODE_ARGS, "-e", `const fs = require("node:fs"); require(${JSON.stringify(path.join(ROOT, "tools/ts-require.js"))}).compiled(fs.readFileSync(${JSON.stringify(program)}, "utf8"), ${JSON.stringify(program)});`],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(warm.stderr).toBe("");
    const script = [
      `const { recordProgram } = require(${JSON.stringify(path.join(ROOT, "tools/plan/record.ts"))});`,
      `const { readStackConfig } = require(${JSON.stringify(path.join(ROOT, "tools/plan/config.ts"))});`,
      "const typescriptLoaded = () => Object.keys(require.cache).some((k) => k.endsWith('/typescript/lib/typescript.js'));",
      "const arboristLoaded = () => Object.keys(require.cache).some((k) => k.includes('/@npmcli/arborist/lib/arborist/'));",
      "const debuggable = require('@pulumi/pulumi/runtime/debuggable');",
      "const sdkPromise = debuggable.debuggablePromise;",
      "const before = typescriptLoaded() || arboristLoaded();",
      `recordProgram("dev", readStackConfig(${JSON.stringify(ROOT)}, "dev", []), ${JSON.stringify(program)}).then((r) => {`,
      "  const p = Promise.resolve(1);",
      "  debuggable.debuggablePromise(p, 'ctx');",
      "  console.log(JSON.stringify({ before, after: typescriptLoaded() || arboristLoaded(), seen: globalThis.seen, limitAfter: Error.stackTraceLimit, promiseAfter: debuggable.debuggablePromise === sdkPromise && typeof p._debugStackTrace, types: r.resources.map((x) => x.type) }));",
      "}, (e) => console.error(String(e)));",
    ].join("\n");
    const r = spawnSync(process.execPath, [...TS_NODE_ARGS, "-e", script], { cwd: ROOT, encoding: "utf8", env: { ...process.env, PLAN_STACK_TRACES: "" } });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      before: false,
      after: false,
      seen: { limit: 2, positions: 0, promiseStack: "undefined" },
      limitAfter: 10,
      promiseAfter: "string",
      types: ["pulumi:pulumi:Stack", "test:index:Thing"],
    });
  });
});
