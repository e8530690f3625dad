import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { Statement, list, statementsOf } from "./iam";
import { StackIndex } from "./stack";
import { known } from "./unknown";

/** A Kubernetes service account an IAM role trusts through IRSA. */
export interface IrsaSubject {
  readonly namespace: string;
  readonly serviceAccount: string;
}

/**
 * The service accounts an IRSA role trusts: the `system:serviceaccount:<ns>:<sa>` values
 * of the `<issuer>:sub` conditions of its `sts:AssumeRoleWithWebIdentity` statements
 * whose principal is an OIDC provider. Empty for any other role.
 */
function irsaSubjects(role: PolicyResource): IrsaSubject[] {
  const statements = statementsOf(known(() => role.props.assumeRolePolicy)) ?? [];
  return statements.flatMap((s) => {
    const federated = list((s.Principal as { Federated?: unknown } | undefined)?.Federated);
    if (s.Effect !== "Allow" || !federated.some((f) => f.includes("oidc-provider/")) || !list(s.Action).includes("sts:AssumeRoleWithWebIdentity")) return [];
    const values = Object.values(s.Condition ?? {}).flatMap((c) => Object.entries(c).filter(([k]) => k.endsWith(":sub")).flatMap(([, v]) => list(v)));
    return values.flatMap((v) => {
      const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(v);
      return m ? [{ namespace: m[1], serviceAccount: m[2] }] : [];
    });
  });
}

/** The IRSA roles of the stack, with the service accounts each trusts. */
export function irsaRoles(stack: StackIndex): { role: PolicyResource; subjects: IrsaSubject[] }[] {
  return stack
    .ofType(aws.iam.Role)
    .map((role) => ({ role, subjects: irsaSubjects(role) }))
    .filter((r) => r.subjects.length > 0);
}

/** A statement a role is granted, with the resource whose document holds it. */
export interface Grant {
  readonly statement: Statement;
  /** The policy, inline policy or role the statement comes from. */
  readonly source: PolicyResource;
}

/**
 * Every statement granted to `role`: its inline policies, `RolePolicy` resources naming
 * it, and the managed `Policy` resources of the stack attached to it
 * (`RolePolicyAttachment`, `managedPolicyArns`).
 */
export function grantsOf(stack: StackIndex, role: PolicyResource): Grant[] {
  const grants: Grant[] = [];
  const add = (source: PolicyResource, doc: unknown) => {
    for (const statement of statementsOf(doc) ?? []) grants.push({ statement, source });
  };
  for (const inline of (known(() => role.props.inlinePolicies) as { policy?: unknown }[] | undefined) ?? []) add(role, known(() => inline.policy));
  for (const rp of stack.referrers(role, "role", aws.iam.RolePolicy)) add(rp, known(() => rp.props.policy));
  const attached = new Set<PolicyResource>([
    ...stack.referrers(role, "role", aws.iam.RolePolicyAttachment).flatMap((a) => stack.refs(a, "policyArn", aws.iam.Policy)),
    ...stack.refs(role, "managedPolicyArns", aws.iam.Policy),
  ]);
  for (const policy of attached) add(policy, known(() => policy.props.policy));
  return grants;
}

/** An IAM glob (`*`, `?`) as an anchored, case-insensitive regular expression. */
export function globRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}

/** True when an `Allow` statement's actions cover `action` (wildcards included). */
export function allowsAction(s: Statement, action: string): boolean {
  return s.Effect === "Allow" && list(s.Action).some((a) => globRegExp(a).test(action));
}

/** The service prefixes of a statement's actions (`kafka-cluster` for `kafka-cluster:WriteData`; `*` for `*`). */
export function actionPrefixes(s: Statement): string[] {
  return [...new Set(list(s.Action).map((a) => (a === "*" ? "*" : a.split(":")[0].toLowerCase())))];
}
