import * as k8s from "@pulumi/kubernetes";
import * as yaml from "js-yaml";
import type { PolicyResource } from "@pulumi/policy";
import { ISTIO, chartName, hasMesh, helmReleases, specOf } from "../../../lib/istio";
import { metadataOf } from "../../../lib/k8s";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** Where a mesh config can be set, and the mode it sets (undefined when it sets none). */
function meshModes(resources: { r: PolicyResource; meshConfig: unknown }[]): { r: PolicyResource; mode: string | undefined }[] {
  return resources.map(({ r, meshConfig }) => ({ r, mode: (meshConfig as { outboundTrafficPolicy?: { mode?: string } } | undefined)?.outboundTrafficPolicy?.mode }));
}

/** The mesh lets workloads reach only registered hosts. */
export const kubernetesIstioMeshRegistryOnly = stackPolicy(
  {
    name: "kubernetes-istio-mesh-registry-only",
    description: "Istio's mesh config sets outboundTrafficPolicy.mode to REGISTRY_ONLY, so workloads reach only hosts declared in the registry (Services and ServiceEntries).",
    severity: "high",
    remediationSteps: "Set meshConfig.outboundTrafficPolicy.mode: REGISTRY_ONLY in the istiod Helm values (or the IstioOperator / istio ConfigMap).",
    frameworks: ["IST egress"],
    seed: true,
  },
  (stack, args) => {
    if (!hasMesh(stack)) args.notApplicable("The stack does not install Istio.");
    const sources = [
      ...helmReleases(stack)
        .filter((r) => chartName(r) === "istiod")
        .map((r) => ({ r, meshConfig: known(() => (r.props.values as Record<string, unknown> | undefined)?.meshConfig) })),
      ...stack.ofType(...ISTIO.IstioOperator).map((r) => ({ r, meshConfig: specOf(r).meshConfig })),
      ...stack
        .ofType(k8s.core.v1.ConfigMap)
        .filter((r) => metadataOf(r).name === "istio")
        .map((r) => ({ r, meshConfig: yaml.load(String(known(() => r.props.data?.mesh) ?? "")) })),
    ];
    const modes = meshModes(sources);
    if (modes.length === 0) return [{ message: "The stack uses Istio but no istiod release, IstioOperator or istio ConfigMap sets the mesh config." }];
    return modes
      .filter((m) => m.mode !== "REGISTRY_ONLY")
      .map((m) => ({ urn: m.r.urn, message: `${label(m.r)} sets meshConfig.outboundTrafficPolicy.mode to ${m.mode ?? "(unset, ALLOW_ANY)"}, not REGISTRY_ONLY.` }));
  },
);
