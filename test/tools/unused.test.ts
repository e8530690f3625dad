import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

describe("npm run unused (knip)", () => {
  it("finds no export, file or dependency that nothing uses", () => {
    // Throws (exit 1) with the findings when there are any.
    const out = execFileSync(path.join(ROOT, "node_modules/.bin/knip"), ["--no-progress"], { cwd: ROOT, encoding: "utf8" });
    expect(out.trim()).toBe("");
  }, 60_000);
});
