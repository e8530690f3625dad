import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

/** Every `.ts` file under `dir`, relative to the root. */
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sources(rel);
    return e.name.endsWith(".ts") ? [rel] : [];
  });
}

/** The project files `file` imports (relative specifiers, resolved from the root, without extension). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const specs = [...text.matchAll(/(?:from|import|require\()\s*["'](\.[^"']+)["']/g)].map((m) => m[1]);
  return specs.map((s) => path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), s)));
}

describe("the composition layer", () => {
  it("index.ts stays thin: under 60 lines, reading the settings and composing platform/'s tiers", () => {
    const lines = fs.readFileSync(path.join(ROOT, "index.ts"), "utf8").split("\n").length;
    expect(lines).toBeLessThan(60);
    const outside = importsOf("index.ts").filter((i) => !i.startsWith("platform/") && i !== "stacks");
    expect(outside).toEqual([]);
  });

  it("imports run one way: components/ and stacks/ never import platform/ or the program", () => {
    const wrong = [...sources("components"), ...sources("stacks"), ...sources("lib")].flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith("platform/") || i === "index")
        .map((i) => `${f} imports ${i}`),
    );
    expect(wrong).toEqual([]);
  });

  it("platform/ is imported by the program only", () => {
    const wrong = [...sources("components"), ...sources("stacks"), ...sources("tools"), ...sources("policies"), ...sources("lib")].flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith("platform/"))
        .map((i) => `${f} imports ${i}`),
    );
    expect(wrong).toEqual([]);
  });

  it("the scanner sees the program's own imports (a check that finds nothing proves nothing)", () => {
    expect(importsOf("index.ts")).toEqual(expect.arrayContaining(["platform/outputs", "platform/services", "stacks"]));
    expect(importsOf("platform/outputs.ts")).toContain("stacks/outputs");
  });
});
