import * as pulumi from "@pulumi/pulumi";

/** One problem with one setting. */
export interface SettingProblem {
  /**
   * The config namespace of the key.
   * @default - `platform`.
   */
  readonly namespace?: string;
  /** The setting's path in `pulumi config set --path` syntax, without the namespace. */
  readonly path: string;
  /** The value found there (`undefined` when it is missing). */
  readonly value: unknown;
  /** What is wrong, e.g. "is not an IPv4 CIDR of the form a.b.c.d/n". */
  readonly problem: string;
  /** What is allowed, e.g. "one of None, Single, OnePerAz". */
  readonly allowed?: string;
}

/**
 * Bad settings. A `RunError`, so `pulumi up` prints only the message (no stack trace),
 * and the offline plan exits 2 with the same single line.
 */
export class SettingsError extends pulumi.RunError {
  readonly stack: string;
  readonly problems: readonly SettingProblem[];

  constructor(stack: string, problems: readonly SettingProblem[]) {
    super(formatProblems(stack, problems));
    this.name = "SettingsError";
    this.stack = stack;
    this.problems = problems;
  }
}

/** The one-line message: the stack, then each setting, its bad value and what is allowed. */
export function formatProblems(stack: string, problems: readonly SettingProblem[]): string {
  const parts = problems.map((p) => {
    const shown = p.value === undefined ? "" : ` = ${showValue(p.value)}`;
    const allowed = p.allowed ? `; allowed: ${p.allowed}` : "";
    const key = p.namespace === "" ? p.path : `${p.namespace ?? "platform"}:${p.path}`;
    return `${key}${shown} ${p.problem}${allowed}`;
  });
  return `Invalid settings for stack '${stack}': ${parts.join(" | ")}`;
}

function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
