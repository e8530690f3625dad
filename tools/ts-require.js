// A minimal TypeScript hook for plain `node -r ./tools/ts-require.js <entry>.ts`: the
// project's own .ts files are compiled once with the TypeScript compiler (transpile only,
// the project's tsconfig options; the type-check is `npm run typecheck`) into a cache keyed
// by a content hash of each source, and later runs load the cached JavaScript with plain
// require. Only `.ts` files go through it: node_modules load as Node loads them, with no
// resolver hook on every require (tsx's cost), and the program keeps its own __dirname.
//
// Cache: node_modules/.cache/platform-ts/<sha256 of compiler version, options, source>.js.
// TS_REQUIRE_CACHE=<dir> moves it; entries are written atomically (parallel runs share it).
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const CACHE_DIR = process.env.TS_REQUIRE_CACHE || path.join(ROOT, "node_modules", ".cache", "platform-ts");

/** The TypeScript version from its package.json (cheap); the compiler itself loads only on a cache miss. */
const TS_VERSION = JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")).version;

/** The project's compiler options, as emit options: CommonJS, no type-check, no source maps. */
function readOptions() {
  const text = fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8");
  const { compilerOptions } = JSON.parse(text);
  return { ...compilerOptions, noEmit: false, sourceMap: false, inlineSourceMap: false, declaration: false, isolatedModules: true };
}
const OPTIONS = readOptions();
const SALT = `${TS_VERSION}\0${JSON.stringify(OPTIONS)}\0`;

let ts;
let converted;
/** Compiles one module with the project's options (TypeScript loads on the first miss only). */
function transpile(source, file) {
  if (!ts) {
    ts = require("typescript");
    converted = ts.convertCompilerOptionsFromJson(OPTIONS, ROOT).options;
  }
  return ts.transpileModule(source, { compilerOptions: converted, fileName: file }).outputText;
}

/** The compiled JavaScript of `file`: from the cache when its source's hash is there, else compiled and stored. */
function compiled(source, file) {
  const key = crypto.createHash("sha256").update(SALT).update(source).digest("hex");
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, "utf8");
  } catch {
    // A miss: compile below.
  }
  const js = transpile(source, file);
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, js);
    fs.renameSync(tmp, cached);
  } catch {
    // A read-only cache only costs the next run the compile.
  }
  return js;
}

Module._extensions[".ts"] = function loadTs(module, filename) {
  module._compile(compiled(fs.readFileSync(filename, "utf8"), filename), filename);
};

module.exports = { CACHE_DIR, compiled };
