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
function isWildcardPrincipal(principal: unknown): boolean {
  if (principal === "*") return true;
  if (principal && typeof principal === "object") {
    return Object.values(principal as Record<string, unknown>).some((v) => list(v).includes("*"));
  }
  return false;
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

/**
 * Condition keys that bind the caller of a public (`*`) grant to someone in particular:
 * the calling resource or account, the caller's organization or account, or the VPC
 * endpoint the request comes through. Conditions on other keys (`aws:SecureTransport`,
 * `events:source`, `aws:SourceIp`...) say how or what, not who, so they do not make a
 * `*` principal private. Keys are case-insensitive, as IAM compares them.
 */
const RESTRICTING_CONDITION_KEYS = [
  "aws:SourceArn",
  "aws:SourceAccount",
  "aws:SourceOwner",
  "aws:SourceOrgID",
  "aws:SourceOrgPaths",
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:PrincipalAccount",
  "aws:PrincipalArn",
  "aws:SourceVpce",
  "aws:SourceVpc",
] as const;

/** Condition operators that allow only what their values name (no `Not...`, `Null` or `...IfExists` escape). */
const POSITIVE_OPERATORS = /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/;

/** True when `condition` pins the caller with a restricting key to values that are not wildcards. */
function hasRestrictingCondition(condition: Statement["Condition"]): boolean {
  const keys = RESTRICTING_CONDITION_KEYS.map((k) => k.toLowerCase());
  return Object.entries(condition ?? {}).some(
    ([operator, entries]) =>
      POSITIVE_OPERATORS.test(operator) &&
      Object.entries(entries ?? {}).some(([key, value]) => {
        const values = list(value);
        return keys.includes(key.toLowerCase()) && values.length > 0 && values.every((v) => v !== "" && !/^[*?]+$/.test(v) && v !== "arn:aws:*");
      }),
  );
}

/**
 * The `Allow` statements of a resource policy that grant to anyone (`*`, `{"AWS": "*"}`):
 * every one when `conditions` is `"ignored"` (a key or bucket policy must never name `*`),
 * else those with no condition restricting the caller (see `RESTRICTING_CONDITION_KEYS`).
 */
function publicPrincipalWithoutCondition(statements: readonly Statement[], conditions: "restrict" | "ignored" = "restrict"): Statement[] {
  return statements.filter((s) => s.Effect === "Allow" && isWildcardPrincipal(s.Principal) && (conditions === "ignored" || !hasRestrictingCondition(s.Condition)));
}

/** The violation message for each public statement of a policy document, e.g. `policy statement 'Anyone' allows principal *...`. */
export function publicPrincipalMessages(doc: unknown, where: string, conditions: "restrict" | "ignored" = "restrict"): string[] {
  if (doc === undefined || doc === null || doc === "") return [];
  const statements = statementsOf(doc);
  if (!statements) return [`The ${where} is not valid JSON.`];
  const tail = conditions === "ignored" ? "." : " with no condition restricting the caller (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce...).";
  return publicPrincipalWithoutCondition(statements, conditions).map((s) => `The ${where} ${statementName(statements, s)} allows principal *${tail}`);
}

/**
 * A grant made by principal string and condition inputs rather than a document (a
 * Lambda permission, an EventBridge permission), as the one statement AWS writes for
 * it, so the document checks apply to it unchanged.
 */
export function grantStatement(grant: { principal: unknown; conditions: Record<string, Record<string, unknown>> }): Statement {
  const principal = grant.principal === "*" ? "*" : String(grant.principal ?? "").endsWith(".amazonaws.com") ? { Service: grant.principal } : { AWS: grant.principal };
  const condition = Object.fromEntries(
    Object.entries(grant.conditions)
      .map(([op, entries]) => [op, Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== null && v !== ""))] as const)
      .filter(([, entries]) => Object.keys(entries).length > 0),
  );
  return { Effect: "Allow", Principal: principal, ...(Object.keys(condition).length ? { Condition: condition } : {}) };
}

/** A service account subject as EKS writes it: `system:serviceaccount:<namespace>:<name>`. */
const SERVICE_ACCOUNT_SUB = /^system:serviceaccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

/** The OIDC issuers (`oidc.eks.<region>.amazonaws.com/id/<ID>`) a trust statement's `Federated` principal names. */
function oidcIssuers(principal: unknown): string[] {
  if (!principal || typeof principal !== "object") return [];
  return list((principal as { Federated?: unknown }).Federated)
    .map((p) => /:oidc-provider\/(.+)$/.exec(p)?.[1])
    .filter((x): x is string => !!x);
}

/** The values a condition gives `key` under `operator` (keys compared case-insensitively). */
function conditionValues(condition: Statement["Condition"], operator: string, key: string): string[] | undefined {
  const entries = condition?.[operator];
  const found = Object.entries(entries ?? {}).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return found ? list(found[1]) : undefined;
}

/**
 * What is wrong with each web-identity (IRSA) trust statement of a role: for every OIDC
 * provider it trusts with `sts:AssumeRoleWithWebIdentity`, `<issuer>:aud` must be pinned
 * to `sts.amazonaws.com` and `<issuer>:sub` to exact subjects (for EKS issuers,
 * `system:serviceaccount:<namespace>:<name>`), both with `StringEquals`; a `StringLike`
 * with a wildcard on either key is reported too.
 */
export function webIdentityTrustProblems(statements: readonly Statement[]): string[] {
  const problems: string[] = [];
  for (const s of statements) {
    if (s.Effect !== "Allow") continue;
    const actions = list(s.Action);
    if (!actions.some((a) => a === "sts:AssumeRoleWithWebIdentity" || a === "sts:*" || a === "*")) continue;
    const name = statementName(statements, s);
    for (const issuer of oidcIssuers(s.Principal)) {
      const aud = conditionValues(s.Condition, "StringEquals", `${issuer}:aud`);
      if (!aud || aud.length === 0 || aud.some((v) => v !== "sts.amazonaws.com")) {
        problems.push(`${name} trusts ${issuer} without pinning ${issuer}:aud to sts.amazonaws.com with StringEquals (it has ${aud ? JSON.stringify(aud) : "none"}).`);
      }
      const sub = conditionValues(s.Condition, "StringEquals", `${issuer}:sub`);
      const eks = issuer.startsWith("oidc.eks.");
      const exact = (v: string) => !/[*?]/.test(v) && (!eks || SERVICE_ACCOUNT_SUB.test(v));
      if (!sub || sub.length === 0 || !sub.every(exact)) {
        const want = eks ? "exact service accounts (system:serviceaccount:<namespace>:<name>)" : "exact subjects";
        problems.push(`${name} trusts ${issuer} without pinning ${issuer}:sub to ${want} with StringEquals (it has ${sub ? JSON.stringify(sub) : "none"}).`);
      }
      for (const op of Object.keys(s.Condition ?? {}).filter((o) => /StringLike$/.test(o))) {
        for (const key of ["sub", "aud"]) {
          const like = conditionValues(s.Condition, op, `${issuer}:${key}`);
          if (like?.some((v) => /[*?]/.test(v))) problems.push(`${name} matches ${issuer}:${key} with ${op} ${JSON.stringify(like)}, a wildcard any matching token can use.`);
        }
      }
    }
  }
  return problems;
}
