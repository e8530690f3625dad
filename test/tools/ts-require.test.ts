import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/run";

const HOOK = path.join(ROOT, "tools", "ts-require.js");

/** Runs `node -r tools/ts-require.js <file>` with its cache in `cache`; returns stdout, stderr and the exit status. */
function runHooked(file: string, cache: string) {
  const r = spawnSync(process.execPath, ["-r", HOOK, file], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TS_REQUIRE_CACHE: cache } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("tools/ts-require.js", () => {
  it("is how every TypeScript npm script runs (plain node, no tsx)", () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    for (const name of ["plan", "bench", "check", "diff", "policies", "docs:policies"]) {
      expect(scripts[name], name).toMatch(/^node -r \.\/tools\/ts-require\.js \S+\.ts$/);
    }
    expect(Object.values(scripts).join("\n")).not.toMatch(/\btsx\b/);
  });

  it("compiles a module once into a cache keyed by its source's hash, then loads the cached JavaScript", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts-require-"));
    const cache = path.join(dir, "cache");
    const entry = path.join(dir, "entry.ts");
    // A relative import without extension, a type-only import and __dirname: resolved as tsc would.
    fs.writeFileSync(path.join(dir, "dep.ts"), "export interface T { n: number }\nexport const where: string = __dirname;\n");
    fs.writeFileSync(entry, 'import type { T } from "./dep";\nimport { where } from "./dep";\nconst t: T = { n: 1 };\nconsole.log(t.n, where);\n');

    const first = runHooked(entry, cache);
    expect(first).toEqual({ status: 0, stdout: `1 ${dir}\n`, stderr: "" });
    const entries = fs.readdirSync(cache).sort();
    expect(entries).toHaveLength(2);
    for (const e of entries) expect(e).toMatch(/^[0-9a-f]{64}\.js$/);

    // The second run reads the cache: an entry's JavaScript is what runs, not a fresh compile.
    const source = fs.readFileSync(entry, "utf8");
    const key = entries.find((e) => fs.readFileSync(path.join(cache, e), "utf8").includes("console.log(t.n"))!;
    fs.writeFileSync(path.join(cache, key), 'console.log("from the cache");\n');
    expect(runHooked(entry, cache).stdout).toBe("from the cache\n");

    // A changed source is a new key, compiled afresh.
    fs.writeFileSync(entry, source.replace("n: 1", "n: 2"));
    expect(runHooked(entry, cache).stdout).toBe(`2 ${dir}\n`);
    expect(fs.readdirSync(cache)).toHaveLength(3);
  });

  it("fails a module with a syntax error with its file name, as tsc would", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts-require-"));
    const entry = path.join(dir, "broken.ts");
    fs.writeFileSync(entry, "const x: number = ;\nconsole.log(x);\n");
    const r = runHooked(entry, path.join(dir, "cache"));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(entry);
  });
});
