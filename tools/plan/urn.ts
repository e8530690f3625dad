/** The type of the stack resource every other resource of a program is a child of. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * A resource's URN as the engine makes it (the recorder registers every resource with
 * this rule, and `npm run diff` resolves aliases with it): the parent's whole qualified
 * type, `$`, the type, then the name; the stack resource is left out of its children's
 * type chain, as the engine does (`urn:pulumi:prod::platform::platform:network:Network::network`
 * in a real state), so the plan's URNs are the ones `pulumi stack export` shows. The SDK's
 * mock monitor would write `pulumi:pulumi:Stack$platform:network:Network` instead.
 */
export function resourceUrn(stack: string, project: string, parent: string | null, type: string, name: string): string {
  const parentType = parent ? qualifiedTypeOf(parent) : undefined;
  return `urn:pulumi:${stack}::${project}::${parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type}::${name}`;
}

/** The qualified type of a URN: what lies between the project and the name. */
export function qualifiedTypeOf(urn: string): string {
  return urn.split("::").slice(2, -1).join("::");
}

/** The name of a URN: what follows its last `::`. */
export function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** The URN of a program's stack resource (the SDK names it `<project>-<stack>`). */
export function rootStackUrn(stack: string, project: string): string {
  return resourceUrn(stack, project, null, ROOT_STACK_TYPE, `${project}-${stack}`);
}
