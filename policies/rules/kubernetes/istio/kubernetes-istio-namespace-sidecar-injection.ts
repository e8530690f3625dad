import * as k8s from "@pulumi/kubernetes";
import { NamespaceConfig, SYSTEM_NAMESPACES_SCHEMA, injectionEnabled, metadataOf, namespaceName } from "../../../lib/k8s";
import { hasMesh } from "../../../lib/istio";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";

/** Every application namespace gets Istio sidecars. */
export const kubernetesIstioNamespaceSidecarInjection = stackPolicy(
  {
    name: "kubernetes-istio-namespace-sidecar-injection",
    description: "In a stack with Istio, every namespace the program creates, other than the configured system namespaces, is labelled istio-injection=enabled (or with an istio.io/rev revision).",
    severity: "high",
    remediationSteps: "Label the namespace istio-injection: enabled, or add it to systemNamespaces in the pack config if it really must stay outside the mesh.",
    frameworks: ["IST", "KYV add-istio-sidecar-injection"],
    seed: true,
    configSchema: { properties: SYSTEM_NAMESPACES_SCHEMA },
  },
  (stack, args) => {
    if (!hasMesh(stack)) args.notApplicable("The stack does not install Istio.");
    const { systemNamespaces } = args.getConfig<NamespaceConfig>();
    return stack
      .ofType(k8s.core.v1.Namespace)
      .filter((ns) => !systemNamespaces.includes(namespaceName(ns)) && !injectionEnabled(metadataOf(ns).labels))
      .map((ns) => ({ urn: ns.urn, message: `${label(ns)} (${namespaceName(ns)}) is not labelled for Istio sidecar injection.` }));
  },
);
