import type { Policy, ResourceValidationPolicy, Severity, StackValidationPolicy } from "@pulumi/policy";

/**
 * What every policy of this project carries on top of `@pulumi/policy`'s `Policy`: the
 * anchors it matches and how it is classed for per-stack enforcement.
 */
interface PlatformPolicyMetadata {
  /** A full-sentence description of what the policy requires. */
  readonly description: string;
  /** How bad a violation is. */
  readonly severity: Severity;
  /** What to change to comply, in one or two sentences. */
  readonly remediationSteps: string;
  /**
   * The public rule IDs this policy matches, e.g. `CKV_AWS_16`, `FSBP RDS.3`,
   * `AG rds-storage-encrypted`, `NAG RDS2`; or `platform` for a rule of our own.
   * The same list is set as the policy's `tags`, so the Pulumi CLI shows it too.
   */
  readonly frameworks: readonly string[];
  /** A **[seed]** rule of the catalogue: mandatory in every stack. */
  readonly seed: boolean;
  /** A high-availability or cost rule: advisory in `dev`, mandatory in `prod`. */
  readonly availability: boolean;
}

/** A resource policy of this project. */
export type PlatformResourcePolicy = ResourceValidationPolicy & PlatformPolicyMetadata & { readonly tags: string[] };
/** A stack policy of this project. */
export type PlatformStackPolicy = StackValidationPolicy & PlatformPolicyMetadata & { readonly tags: string[] };
/** Any policy of this project. */
export type PlatformPolicy = PlatformResourcePolicy | PlatformStackPolicy;

/** The fields a policy module writes; `tags` and the flags are filled in by the helpers. */
export interface PolicyHeader {
  /** `<vendor>-<service>-<resource>-<check>`, e.g. `aws-rds-instance-storage-encrypted`. */
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly remediationSteps: string;
  readonly frameworks: readonly string[];
  /** @default - false */
  readonly seed?: boolean;
  /** @default - false */
  readonly availability?: boolean;
  /** The policy's configuration schema; defaults apply when a stack's pack config is silent. */
  readonly configSchema?: Policy["configSchema"];
}

/** Completes a header with the defaults and the CLI-visible `tags`. */
export function metadata(header: PolicyHeader): Omit<PlatformPolicy, "validateResource" | "validateStack"> {
  return {
    name: header.name,
    description: header.description,
    severity: header.severity,
    remediationSteps: header.remediationSteps,
    frameworks: [...header.frameworks],
    tags: [...header.frameworks],
    seed: header.seed ?? false,
    availability: header.availability ?? false,
    ...(header.configSchema ? { configSchema: header.configSchema } : {}),
  };
}

/** True for a stack policy. */
export function isStackPolicy(policy: PlatformPolicy): policy is PlatformStackPolicy {
  return typeof (policy as PlatformStackPolicy).validateStack === "function";
}
