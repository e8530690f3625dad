/** One statement of an IAM-style policy document (IAM, KMS, S3, EFS, EventBridge). */
export interface Statement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Action?: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/**
 * The statements of a policy document given as a JSON string or an object; `undefined`
 * when the document is absent or not valid JSON.
 */
export function statementsOf(doc: unknown): Statement[] | undefined {
  let parsed: unknown = doc;
  if (typeof doc === "string") {
    try {
      parsed = JSON.parse(doc);
    } catch {
      return undefined;
    }
  }
  if (!parsed || typeof parsed !== "object") return undefined;
  const statement = (parsed as { Statement?: unknown }).Statement;
  if (statement === undefined) return [];
  return (Array.isArray(statement) ? statement : [statement]) as Statement[];
}

/** A value that is a string or a list of strings, as a list. */
export function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** True for `"*"`, `{ AWS: "*" }` or `{ AWS: ["*"] }`: anyone. */
export function isWildcardPrincipal(principal: unknown): boolean {
  if (principal === "*") return true;
  if (principal && typeof principal === "object") {
    return Object.values(principal as Record<string, unknown>).some((v) => list(v).includes("*"));
  }
  return false;
}

/** The `Allow` statements that grant to anyone (`*`). */
export function wildcardAllows(statements: readonly Statement[], opts: { exemptWithCondition: boolean }): Statement[] {
  return statements.filter(
    (s) => s.Effect === "Allow" && isWildcardPrincipal(s.Principal) && !(opts.exemptWithCondition && s.Condition && Object.keys(s.Condition).length > 0),
  );
}

/** True when a statement denies every request made without TLS (`aws:SecureTransport` false). */
export function deniesInsecureTransport(statements: readonly Statement[]): boolean {
  return statements.some((s) => {
    if (s.Effect !== "Deny" || !isWildcardPrincipal(s.Principal)) return false;
    const bool = s.Condition?.Bool ?? s.Condition?.BoolIfExists;
    return list(bool?.["aws:SecureTransport"]).includes("false");
  });
}

/** The `Allow` statements that grant every action (`*`) on every resource (`*`). */
export function adminAllows(statements: readonly Statement[]): Statement[] {
  return statements.filter((s) => s.Effect === "Allow" && list(s.Action).includes("*") && list(s.Resource).includes("*"));
}

/** `Sid 'x'` or `statement n`, to name a statement in a message. */
export function statementName(statements: readonly Statement[], s: Statement): string {
  return s.Sid ? `statement '${s.Sid}'` : `statement ${statements.indexOf(s) + 1}`;
}
