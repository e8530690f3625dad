import type { PlatformResourcePolicy, PolicyHeader } from "./types";
import { Messages, resourcePolicyOfTypes } from "./resource";
import { TypeRef, tokenOf } from "./tokens";
import { publicPrincipalMessages } from "./iam";

/** Where a resource type keeps a resource-based policy document, and what to call it in messages. */
export interface PolicyDocumentSource {
  /** The resource class (or type token). */
  readonly type: TypeRef;
  /** The input holding the JSON document, e.g. `policy`. */
  readonly field: string;
  /** How messages name the document, e.g. `queue policy` or `queue's inline policy`. */
  readonly what: string;
}

/** Options of `noPublicPrincipalPolicy`. */
export interface NoPublicPrincipalOptions {
  /**
   * `restrict`: a `*` grant passes when a condition pins the caller (aws:SourceArn,
   * aws:PrincipalOrgID...); `ignored`: any `*` grant is a violation.
   * @default - restrict
   */
  readonly conditions?: "restrict" | "ignored";
  /** Checks only some types need (e.g. a KMS key must have a policy at all). @default - none */
  readonly extra?: (props: Record<string, any>, type: string) => Messages;
  /** The document of a type that expresses its grant as inputs (see `grantStatement`). @default - the source's field */
  readonly documentOf?: (props: Record<string, any>, type: string) => unknown;
}

/**
 * One "no public principal" policy over every resource type that can carry the same
 * kind of resource-based policy (e.g. `aws.sqs.QueuePolicy` and the inline `policy` of
 * `aws.sqs.Queue`), all sharing `publicPrincipalWithoutCondition`.
 */
export function noPublicPrincipalPolicy(header: PolicyHeader, sources: readonly PolicyDocumentSource[], opts: NoPublicPrincipalOptions = {}): PlatformResourcePolicy {
  return resourcePolicyOfTypes(
    header,
    sources.map((s) => s.type),
    (props, args) => {
      const source = sources.find((s) => tokenOf(s.type) === args.type)!;
      const extra = opts.extra?.(props, args.type);
      const doc = opts.documentOf?.(props, args.type) ?? props[source.field];
      return [...(typeof extra === "string" ? [extra] : (extra ?? [])), ...publicPrincipalMessages(doc, source.what, opts.conditions ?? "restrict")];
    },
  );
}
