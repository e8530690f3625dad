// `@pulumi/pulumi` requires the TypeScript compiler (9 MB, a quarter of a second) when it
// loads, for closure serialization (`aws.lambda.CallbackFunction` and the like), which the
// program does not use. Imported before the SDK, this module puts a stand-in for the SDK's
// `typescript-shim` in the require cache that loads the real compiler on first use, so an
// offline plan that never serializes a closure never loads it. Behaviour is unchanged: any
// use of the stand-in is forwarded to the real module.
import * as path from "node:path";

const shimPath = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "typescript-shim.js");

if (!require.cache[shimPath]) {
  let real: object | undefined;
  const target: Record<PropertyKey, unknown> = {};
  /** Loads the SDK's shim for real, and copies its properties onto the proxy's target (the proxy's invariants hold). */
  const load = (): object => {
    if (!real) {
      delete require.cache[shimPath];
      real = require(shimPath) as object;
      Object.defineProperties(target, Object.getOwnPropertyDescriptors(real));
      require.cache[shimPath]!.exports = proxy;
    }
    return real;
  };
  const proxy: object = new Proxy(target, {
    get: (_t, key) => Reflect.get(load(), key),
    has: (_t, key) => Reflect.has(load(), key),
    ownKeys: () => (load(), Reflect.ownKeys(target)),
    getOwnPropertyDescriptor: (_t, key) => (load(), Reflect.getOwnPropertyDescriptor(target, key)),
  });
  const stand = new (require("node:module") as typeof import("node:module"))(shimPath, module);
  stand.filename = shimPath;
  stand.loaded = true;
  stand.exports = proxy;
  require.cache[shimPath] = stand;
}
