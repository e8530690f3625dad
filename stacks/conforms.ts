import type { z } from "zod";

/**
 * A compile-time check that what a schema produces gives a component what it reads:
 * `conforms<DataSettings>()(z.object({...}))` returns the schema unchanged, and fails to
 * compile when the schema's output lacks a field the component's type needs or gives it
 * another type. Components own their types (components/data/settings.ts,
 * components/microservice/workload.ts); this is how `stacks/` proves it keeps up with them.
 */
export function conforms<Expected>() {
  return <S extends z.ZodType<Expected, z.ZodTypeDef, unknown>>(schema: S): S => schema;
}
