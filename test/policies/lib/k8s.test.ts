import type { PolicyResource } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { inNamespace, namespaceOf } from "../../../policies/lib/k8s";
import { StackIndex } from "../../../policies/lib/stack";

const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
const SA = "kubernetes:core/v1:ServiceAccount";

/** A stack policy's view of a Kubernetes object: only what namespaceOf reads. */
function object(type: string, name: string, namespace?: string): PolicyResource {
  return { type, name, urn: `urn:pulumi:s::p::${type}::${name}`, props: { metadata: namespace ? { namespace, name } : { name } } } as unknown as PolicyResource;
}

const resources = [
  object(NP, "a-deny", "a"),
  object(PDB, "a-pdb", "a"),
  object(NP, "b-deny", "b"),
  object(NP, "loose"),
  object(SA, "a-sa", "a"),
  object(NP, "a-allow", "a"),
];

describe("inNamespace", () => {
  it("is ofType(...).filter(namespaceOf === ns), in stack order, for every namespace and list of types", () => {
    const stack = new StackIndex(resources);
    for (const types of [[NP], [PDB, NP], [SA]]) {
      for (const ns of ["a", "b", "default", "none"]) {
        expect(inNamespace(stack, ns, ...types).map((r) => r.name), `${types.join(",")} in ${ns}`).toEqual(
          stack
            .ofType(...types)
            .filter((r) => namespaceOf(r) === ns)
            .map((r) => r.name),
        );
      }
    }
    expect(inNamespace(stack, "a", NP, PDB).map((r) => r.name)).toEqual(["a-deny", "a-pdb", "a-allow"]);
    expect(inNamespace(stack, "default", NP).map((r) => r.name)).toEqual(["loose"]);
  });

  it("answers each call with its own list, and each stack from its own resources", () => {
    const stack = new StackIndex(resources);
    inNamespace(stack, "a", NP).pop();
    expect(inNamespace(stack, "a", NP).map((r) => r.name)).toEqual(["a-deny", "a-allow"]);
    const other = new StackIndex([object(NP, "c-deny", "a")]);
    expect(inNamespace(other, "a", NP).map((r) => r.name)).toEqual(["c-deny"]);
    expect(inNamespace(stack, "a", NP).map((r) => r.name)).toEqual(["a-deny", "a-allow"]);
  });
});
