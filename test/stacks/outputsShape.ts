/** `path → type` of a JSON value: the shape the outputs contract pins. */
export function shapeOf(value: unknown): Record<string, string> {
  const shape: Record<string, string> = {};
  const walk = (v: unknown, path: string) => {
    if (v === "[secret]") shape[path] = "secret";
    else if (Array.isArray(v)) {
      shape[path] = "array";
      if (v.length) walk(v[0], `${path}[]`);
    } else if (v && typeof v === "object") {
      shape[path] = "object";
      for (const [k, child] of Object.entries(v)) walk(child, path ? `${path}.${k}` : k);
    } else shape[path] = v === null ? "null" : typeof v;
  };
  walk(value, "");
  delete shape[""];
  return shape;
}
