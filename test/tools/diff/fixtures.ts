import type { PlanDocument, PlanOptions, PlanResource } from "../../../tools/plan/types";

const STACK_URN = "urn:pulumi:dev::platform::pulumi:pulumi:Stack::platform-dev";
const AWS_PROVIDER = "urn:pulumi:dev::platform::pulumi:providers:aws::aws";

/** A resource directly under the stack (or under `parent`), with the aws provider. */
export function res(
  type: string,
  name: string,
  inputs: Record<string, unknown> = {},
  extra: { parent?: PlanResource; options?: Partial<PlanOptions>; dependencies?: string[]; provider?: string | null } = {},
): PlanResource {
  const parentUrn = extra.parent?.urn ?? STACK_URN;
  const parentType = parentUrn.split("::")[2];
  return {
    // The engine leaves the stack out of its children's type chain.
    urn: `urn:pulumi:dev::platform::${parentType === "pulumi:pulumi:Stack" ? "" : `${parentType}$`}${type}::${name}`,
    type,
    name,
    custom: true,
    parent: parentUrn,
    provider: extra.provider === undefined ? (type.startsWith("pulumi:providers:") ? null : AWS_PROVIDER) : extra.provider,
    inputs,
    options: { protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], dependsOn: [], aliases: [], ...extra.options },
    dependencies: extra.dependencies ?? [],
  };
}

export function component(type: string, name: string): PlanResource {
  return { ...res(type, name), custom: false, provider: null };
}

export const provider = (region = "us-east-1") => res("pulumi:providers:aws", "aws", { region });

/** A version-1 plan of the dev stack holding `resources` (sorted by URN, as the recorder writes them). */
export function plan(resources: PlanResource[]): PlanDocument {
  return {
    version: 1,
    project: "platform",
    stack: "dev",
    resources: [...resources].sort((a, b) => (a.urn < b.urn ? -1 : 1)),
    outputs: {},
    policies: { packs: [] },
    summary: { resources: resources.length, byType: {}, mandatoryViolations: 0, advisoryViolations: 0, secrets: 0 },
  };
}
