// `@pulumi/policy` exports `unknownCheckingProxy` and `UnknownValueError` at run time, but
// its type declarations for them are empty; these are the shapes it has.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const policyRuntime = require("@pulumi/policy") as {
  unknownCheckingProxy<T>(value: T): T;
  UnknownValueError: new (sentinel: string, props: string[]) => Error;
};

/** Wraps values so that touching an unknown one throws, as the engine does during preview. */
export const unknownCheckingProxy = policyRuntime.unknownCheckingProxy;

/** The sentinel the engine uses for a string it cannot know during preview. */
export const UNKNOWN_STRING_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * True when `err` is the error `unknownCheckingProxy` throws. It checks the shape rather
 * than the class, so it also holds when a pack loads its own copy of `@pulumi/policy`.
 */
export function isUnknownValueError(err: unknown): err is Error & { props: string[] } {
  return (
    err instanceof policyRuntime.UnknownValueError ||
    (typeof err === "object" && err !== null && "unknownTypeSentinel" in err && Array.isArray((err as { props?: unknown }).props))
  );
}

/** Reads a value that may be unknown during preview; `undefined` when it is. */
export function known<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if (isUnknownValueError(err)) return undefined;
    throw err;
  }
}
