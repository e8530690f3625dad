import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

/** The project's own namespace: a `--config` key without one belongs to it. */
const PROJECT = "platform";

/** Config as the Pulumi CLI hands it to a program: flat keys, objects as JSON. */
export interface ProgramConfig {
  readonly values: Record<string, string>;
  /** Keys whose values are secret (`secure:` in the stack file). */
  readonly secretKeys: string[];
}

/** A usage problem: bad flags, a missing stack file, a malformed `--config`. Exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

type Tree = Record<string, unknown>;
/** Stands in for a `secure:` value, which only the Pulumi CLI can decrypt. */
const SECRET_PLACEHOLDER = "[secret]";

/**
 * Reads `Pulumi.<stack>.yaml` (and the project-level `config:` defaults of `Pulumi.yaml`),
 * then applies `--config PATH=VALUE` overrides the way `pulumi config set --path` would.
 */
export function readStackConfig(root: string, stack: string, overrides: readonly string[] = []): ProgramConfig {
  const stackFile = path.join(root, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(stackFile)) {
    const known = fs.readdirSync(root).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f)).map((f) => f.split(".")[1]);
    throw new UsageError(`no stack file ${path.basename(stackFile)}; known stacks: ${known.join(", ") || "none"}`);
  }
  const project = readYamlConfig(path.join(root, "Pulumi.yaml"));
  const tree: Tree = {};
  for (const [key, decl] of Object.entries(project)) {
    const value = isTree(decl) && "value" in decl ? decl.value : isTree(decl) && "default" in decl ? decl.default : decl;
    if (value !== undefined) tree[qualify(key)] = value;
  }
  const file = readYamlConfig(stackFile);
  const secretKeys = new Set<string>();
  for (const [key, value] of Object.entries(file)) {
    const full = qualify(key);
    tree[full] = maskSecure(value, () => secretKeys.add(full));
  }
  for (const override of overrides) applyOverride(tree, override);

  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { values, secretKeys: [...secretKeys].sort() };
}

/**
 * The `config:` map of a Pulumi YAML file. A file that is not YAML, is not a map, or
 * whose `config:` is not a map is a {@link UsageError} naming the file (and the line).
 */
function readYamlConfig(file: string): Tree {
  const name = path.basename(file);
  let doc: unknown;
  try {
    doc = yaml.load(fs.readFileSync(file, "utf8"), { filename: name });
  } catch (err) {
    const e = err as { name?: string; reason?: string; mark?: { line: number; column: number }; message?: string };
    if (e.name === "YAMLException") {
      const where = e.mark ? ` at line ${e.mark.line + 1}, column ${e.mark.column + 1}` : "";
      throw new UsageError(`${name} is not valid YAML${where}: ${e.reason ?? "syntax error"}`);
    }
    throw new UsageError(`${name} cannot be read: ${e.message ?? String(err)}`);
  }
  if (doc === undefined || doc === null) return {};
  if (!isTree(doc)) throw new UsageError(`${name} must be a YAML map (with a config: map), got ${kindOf(doc)}`);
  const config = doc.config;
  if (config === undefined || config === null) return {};
  if (!isTree(config)) throw new UsageError(`${name}: config must be a map of keys to values, got ${kindOf(config)}`);
  return config;
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? "a list" : typeof value === "string" ? "a string" : `a ${typeof value}`;
}

function qualify(key: string): string {
  return key.includes(":") ? key : `${PROJECT}:${key}`;
}

function maskSecure(value: unknown, onSecret: () => void): unknown {
  if (isTree(value)) {
    if (Object.keys(value).length === 1 && typeof value.secure === "string") {
      onSecret();
      return SECRET_PLACEHOLDER;
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecure(v, onSecret)]));
  }
  return Array.isArray(value) ? value.map((v) => maskSecure(v, onSecret)) : value;
}

/**
 * Parses a `pulumi config set --path` key: `network.cidr`, `services.user.callers[0]`,
 * `tags.extra["team.name"]`, optionally with a namespace (`aws:region`).
 * Returns the full top-level key and the path below it.
 */
export function parseConfigPath(text: string): { key: string; path: (string | number)[] } {
  const segments: (string | number)[] = [];
  let i = 0;
  let current = "";
  const flush = () => {
    if (current) segments.push(current);
    current = "";
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === ".") {
      if (!current && segments.length === 0) throw new UsageError(`bad config path '${text}': it starts with '.'`);
      flush();
      i++;
    } else if (ch === "[") {
      flush();
      const end = text.indexOf("]", i);
      if (end < 0) throw new UsageError(`bad config path '${text}': '[' without ']'`);
      const inner = text.slice(i + 1, end);
      if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else if (/^"[^"]*"$/.test(inner)) segments.push(inner.slice(1, -1));
      else throw new UsageError(`bad config path '${text}': [${inner}] is neither an index nor a "quoted key"`);
      i = end + 1;
    } else {
      current += ch;
      i++;
    }
  }
  flush();
  if (segments.length === 0 || typeof segments[0] !== "string") throw new UsageError(`bad config path '${text}'`);
  const [first, ...rest] = segments as [string, ...(string | number)[]];
  return { key: qualify(first), path: rest };
}

/** `true`/`false` and numbers become typed, as `pulumi config set --path` stores them. */
export function parseConfigScalar(text: string): unknown {
  if (text === "true") return true;
  if (text === "false") return false;
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function applyOverride(tree: Tree, override: string): void {
  const eq = override.indexOf("=");
  if (eq <= 0) throw new UsageError(`--config takes PATH=VALUE, got '${override}'`);
  const { key, path } = parseConfigPath(override.slice(0, eq));
  const value = parseConfigScalar(override.slice(eq + 1));
  if (path.length === 0) {
    tree[key] = value;
    return;
  }
  let existing = tree[key];
  if (typeof existing === "string") {
    try {
      existing = JSON.parse(existing);
    } catch {
      /* a plain string is replaced below */
    }
  }
  const root: unknown = isTree(existing) || Array.isArray(existing) ? existing : typeof path[0] === "number" ? [] : {};
  let node = root as Record<string | number, unknown>;
  path.forEach((seg, i) => {
    if (i === path.length - 1) {
      node[seg] = value;
      return;
    }
    const next = node[seg];
    if (!isTree(next) && !Array.isArray(next)) node[seg] = typeof path[i + 1] === "number" ? [] : {};
    node = node[seg] as Record<string | number, unknown>;
  });
  tree[key] = root;
}

function isTree(v: unknown): v is Tree {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
