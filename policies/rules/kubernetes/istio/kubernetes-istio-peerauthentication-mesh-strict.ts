import { hasMesh, ISTIO, specOf } from "../../../lib/istio";
import { namespaceOf } from "../../../lib/k8s";
import { stackPolicy } from "../../../lib/resource";

interface Config {
  /** Istio's root namespace, where mesh-wide policies live. */
  readonly rootNamespace: string;
}

/** Mutual TLS is STRICT across the whole mesh. */
export const kubernetesIstioPeerAuthenticationMeshStrict = stackPolicy(
  {
    name: "kubernetes-istio-peerauthentication-mesh-strict",
    description: "A stack with Istio has a mesh-wide PeerAuthentication (in the root namespace, with no selector) whose mTLS mode is STRICT.",
    severity: "critical",
    remediationSteps: "Add a PeerAuthentication named default in istio-system with spec.mtls.mode STRICT and no selector.",
    frameworks: ["IST mutual-tls", "KYV enforce-strict-mtls"],
    seed: true,
    configSchema: { properties: { rootNamespace: { type: "string", default: "istio-system" } } },
  },
  (stack, args) => {
    if (!hasMesh(stack)) args.notApplicable("The stack does not install Istio.");
    const { rootNamespace } = args.getConfig<Config>();
    const meshWide = stack.ofType(...ISTIO.PeerAuthentication).filter((pa) => namespaceOf(pa) === rootNamespace && !specOf(pa).selector);
    if (meshWide.some((pa) => specOf(pa).mtls?.mode === "STRICT")) return [];
    return [
      {
        urn: meshWide[0]?.urn,
        message:
          meshWide.length === 0
            ? `The mesh has no mesh-wide PeerAuthentication in ${rootNamespace}.`
            : `The mesh-wide PeerAuthentication in ${rootNamespace} has mtls.mode ${specOf(meshWide[0]).mtls?.mode ?? "(unset)"}, not STRICT.`,
      },
    ];
  },
);
