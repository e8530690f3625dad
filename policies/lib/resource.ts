import type * as pulumi from "@pulumi/pulumi";
import {
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  StackValidationArgs,
  validateResourceOfType,
} from "@pulumi/policy";
import { PlatformResourcePolicy, PlatformStackPolicy, PolicyHeader, metadata } from "./types";
import { StackIndex } from "./stack";
import { TypeRef, tokenOf } from "./tokens";

/** What a check returns: the violation messages for one resource, none when it complies. */
export type Messages = string | undefined | readonly (string | undefined | false)[];

/** Reports each message of `messages`. */
function report(messages: Messages, reportViolation: ReportViolation, urn?: string): void {
  const list = typeof messages === "string" ? [messages] : (messages ?? []);
  for (const m of list) if (m) reportViolation(m, urn);
}

/**
 * A resource policy over one SDK class, through `validateResourceOfType`: the check gets
 * the class's typed inputs and returns its messages.
 */
export function resourcePolicy<TResource extends pulumi.Resource, TArgs>(
  header: PolicyHeader,
  resourceClass: { new (name: string, args: TArgs, ...rest: any[]): TResource },
  check: (props: pulumi.Unwrap<NonNullable<TArgs>>, args: ResourceValidationArgs) => Messages,
): PlatformResourcePolicy {
  return {
    ...metadata(header),
    validateResource: validateResourceOfType(resourceClass, (props, args, reportViolation) => report(check(props, args), reportViolation)),
  } as PlatformResourcePolicy;
}

/**
 * Where a validation of {@link validateResourceOfTypes} lists the type tokens it applies
 * to: it reports every other resource not applicable before it reads anything.
 */
export const APPLIES_TO: unique symbol = Symbol("platform.appliesTo");

/**
 * A validation for a check shared by several resource types (e.g. a KMS key on many
 * services, or the Pod Security checks on every workload kind). Types are classes or,
 * for resources with no class such as Istio CRDs, type tokens. Other types are reported
 * not applicable, as `validateResourceOfType` does.
 */
function validateResourceOfTypes(
  types: readonly TypeRef[],
  check: (props: Record<string, any>, args: ResourceValidationArgs) => Messages,
): ResourceValidation {
  const tokens = types.map(tokenOf);
  const fn: ResourceValidation = (args, reportViolation) => {
    if (!tokens.includes(args.type)) args.notApplicable(`Policy only applies to resources of type ${tokens.map((t) => `'${t}'`).join(", ")}`);
    report(check(args.props, args), reportViolation);
  };
  // The engine skips a policy quickly when its single validation names one type.
  if (tokens.length === 1) (fn as unknown as { __pulumiType: string }).__pulumiType = tokens[0];
  // The offline runner skips the other types too, which this would report not applicable.
  Object.defineProperty(fn, APPLIES_TO, { value: Object.freeze([...tokens]) });
  return fn;
}

/** A resource policy over several types that share one check. */
export function resourcePolicyOfTypes(
  header: PolicyHeader,
  types: readonly TypeRef[],
  check: (props: Record<string, any>, args: ResourceValidationArgs) => Messages,
): PlatformResourcePolicy {
  return { ...metadata(header), validateResource: validateResourceOfTypes(types, check) } as PlatformResourcePolicy;
}

/** A violation a stack policy reports: a message and, usually, the resource at fault. */
export interface StackFinding {
  readonly urn?: string;
  readonly message: string;
}

/**
 * A stack policy: `validate` gets the stack's resources indexed by type and reference,
 * and returns its findings. It calls `args.notApplicable` when the stack has nothing for
 * it to check.
 */
export function stackPolicy(
  header: PolicyHeader,
  validate: (stack: StackIndex, args: StackValidationArgs) => Iterable<StackFinding>,
): PlatformStackPolicy {
  return {
    ...metadata(header),
    validateStack: (args, reportViolation) => {
      for (const f of validate(new StackIndex(args.resources), args)) reportViolation(f.message, f.urn);
    },
  } as PlatformStackPolicy;
}
