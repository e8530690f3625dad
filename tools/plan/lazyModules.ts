// Two modules `@pulumi/pulumi` requires when it loads, for closure serialization
// (`aws.lambda.CallbackFunction` and the like), which the program does not use: the
// TypeScript compiler (through the SDK's `typescript-shim`: 9 MB, a quarter of a second)
// and `@npmcli/arborist` (with pacote, sigstore and the rest of npm's tree: 445 modules, a
// fifth of a second). Imported before the SDK, this module puts a stand-in for each in the
// require cache that loads the real one on first use, so an offline plan that never
// serializes a closure loads neither. Behaviour is unchanged: any use of a stand-in is
// forwarded to the real module.
import Module from "node:module";
import * as path from "node:path";

const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

/**
 * Puts a stand-in for the module at `file` in the require cache: a proxy that loads the real
 * module on the first read of anything but `own` (properties answered without loading) and
 * then forwards to it.
 */
function deferModule(file: string, own: Readonly<Record<string, unknown>> = {}): void {
  if (require.cache[file]) return;
  let real: object | undefined;
  const target: Record<PropertyKey, unknown> = {};
  /** Loads the module for real, and copies its properties onto the proxy's target (the proxy's invariants hold). */
  const load = (): object => {
    if (!real) {
      delete require.cache[file];
      real = require(file) as object;
      Object.defineProperties(target, Object.getOwnPropertyDescriptors(real));
      require.cache[file]!.exports = proxy;
    }
    return real;
  };
  const proxy: object = new Proxy(target, {
    get: (_t, key) => (!real && typeof key === "string" && key in own ? own[key] : Reflect.get(load(), key)),
    has: (_t, key) => Reflect.has(load(), key),
    ownKeys: () => (load(), Reflect.ownKeys(target)),
    getOwnPropertyDescriptor: (_t, key) => (load(), Reflect.getOwnPropertyDescriptor(target, key)),
  });
  const stand = new Module(file, module);
  stand.filename = file;
  stand.loaded = true;
  stand.exports = proxy;
  require.cache[file] = stand;
}

deferModule(path.join(sdkDir, "typescript-shim.js"));
// The SDK reads it through TypeScript's `__importStar`, which copies a CommonJS module's
// keys (loading it) unless it says it is an ES module; it only reads `Arborist` from it.
deferModule(require.resolve("@npmcli/arborist", { paths: [sdkDir] }), { __esModule: true });
