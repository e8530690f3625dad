/** The offline plan document, version 1. Later tools read these names: do not rename. */

export interface PlanOptions {
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly deleteBeforeReplace: boolean;
  readonly ignoreChanges: string[];
  readonly dependsOn: string[];
  readonly aliases: unknown[];
}

export interface PlanResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent: string | null;
  readonly provider: string | null;
  /** Inputs as the engine would receive them; secrets are `"[secret]"`, unknowns `"[unknown]"`. */
  readonly inputs: Record<string, unknown>;
  readonly options: PlanOptions;
  /** URNs of resources whose outputs feed this one's inputs, plus `dependsOn`. */
  readonly dependencies: string[];
}

export interface PlanPolicy {
  readonly name: string;
  readonly description: string;
  readonly severity: string;
  readonly enforcementLevel: string;
  readonly frameworks: string[];
}

export interface PlanViolation {
  readonly policy: string;
  readonly enforcementLevel: string;
  readonly urn: string | null;
  readonly message: string;
}

export interface PlanPack {
  readonly name: string;
  readonly version: string;
  readonly policies: PlanPolicy[];
  readonly violations: PlanViolation[];
}

export interface PlanDocument {
  readonly version: 1;
  readonly project: string;
  readonly stack: string;
  readonly resources: PlanResource[];
  readonly outputs: Record<string, unknown>;
  readonly policies: { readonly packs: PlanPack[] };
  readonly summary: {
    readonly resources: number;
    readonly byType: Record<string, number>;
    readonly mandatoryViolations: number;
    readonly advisoryViolations: number;
    readonly secrets: number;
  };
}

/** What replaces a secret value in `inputs` and `outputs`. */
export const SECRET = "[secret]";
/** What stands for a value that is unknown during preview. */
export const UNKNOWN = "[unknown]";
