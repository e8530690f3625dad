import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/run";

/**
 * The layers and what each may import (by top-level directory of the repository).
 * `lib/` is platform-neutral; components own their types; `stacks/` validates settings
 * into those types; `index.ts` and `platform/` compose; `tools/` and `bench/` run things.
 * The policy packs stand alone: the CLI loads them from their own directories.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  lib: ["lib"],
  components: ["lib", "components"],
  stacks: ["lib", "components", "stacks"],
  platform: ["lib", "components", "stacks", "platform"],
  "index.ts": ["lib", "components", "stacks", "platform"],
  policies: ["lib", "policies"],
  tools: ["lib", "components", "stacks", "platform", "policies", "tools", "index.ts"],
  bench: ["lib", "components", "stacks", "platform", "policies", "tools", "bench"],
  examples: ["stacks", "examples"],
};
const SOURCE_DIRS = Object.keys(MAY_IMPORT).filter((d) => !d.endsWith(".ts"));

function sourceFiles(): string[] {
  const out: string[] = ["index.ts"];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== "node_modules") walk(rel);
      else if (entry.isFile() && /\.ts$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(rel);
    }
  };
  for (const dir of SOURCE_DIRS) if (fs.existsSync(path.join(ROOT, dir))) walk(dir);
  return out;
}

/** The repository files a file imports (relative specifiers only; packages are not layers). */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const info = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), "utf8"), true, true);
  const found: string[] = [];
  for (const ref of info.importedFiles) {
    if (!ref.fileName.startsWith(".")) continue;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), ref.fileName));
    const hit = [`${base}.ts`, `${base}/index.ts`, base].find((c) => known.has(c));
    if (hit) found.push(hit);
  }
  return found;
}

const layerOf = (file: string): string => (file.includes("/") ? file.split("/")[0] : file);

const files = sourceFiles();
const known = new Set(files);
const graph = new Map(files.map((f) => [f, importsOf(f, known)]));

describe("the layers import one way", () => {
  it("finds the program's modules (the walk is live)", () => {
    expect(files.length).toBeGreaterThan(150);
    expect(graph.get("index.ts")!.length).toBeGreaterThan(2);
  });

  it("no module imports a layer above its own", () => {
    const wrong = [...graph].flatMap(([from, tos]) =>
      tos.filter((to) => !MAY_IMPORT[layerOf(from)].includes(layerOf(to))).map((to) => `${from} -> ${to}`),
    );
    expect(wrong).toEqual([]);
  });

  it("has no import cycles", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, "open");
      stack.push(f);
      for (const to of graph.get(f) ?? []) {
        if (state.get(to) === "open") cycles.push([...stack.slice(stack.indexOf(to)), to].join(" -> "));
        else if (!state.has(to)) visit(to);
      }
      stack.pop();
      state.set(f, "done");
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
