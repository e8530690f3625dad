import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ROTATION_CODE_DIR, ROTATION_RUNTIME } from "../../../../components/data/Cache";

/**
 * The Redis AUTH rotation code is packaged as is (no bundling, no node_modules), so it
 * must run on the runtime's own Node.js and bundled SDK: nodejs24.x supports ES modules
 * and async handlers, bundles the AWS SDK for JavaScript v3, and no longer supports
 * callback-style handlers.
 */
describe("the Redis AUTH rotation Lambda code", () => {
  const files = fs.readdirSync(ROTATION_CODE_DIR);
  const source = fs.readFileSync(path.join(ROTATION_CODE_DIR, "index.mjs"), "utf8");

  it("runs on a Node.js runtime Lambda still accepts", () => {
    expect(ROTATION_RUNTIME).toBe("nodejs24.x");
  });

  it("is one ES module with nothing to install", () => {
    expect(files).toEqual(["index.mjs"]);
  });

  it("imports only Node built-ins and the SDK v3 clients the runtime bundles", () => {
    const imports = [...source.matchAll(/^import\s[^;]*?from\s+"([^"]+)";/gms)].map((m) => m[1]).sort();
    expect(imports).toEqual(["@aws-sdk/client-elasticache", "@aws-sdk/client-secrets-manager", "node:crypto"]);
    expect(source).not.toMatch(/\brequire\(/);
  });

  it("exports an async handler without a callback parameter (nodejs24.x has no callback handlers)", () => {
    expect(source).toMatch(/^export async function handler\(event, context\) \{$/m);
  });
});
