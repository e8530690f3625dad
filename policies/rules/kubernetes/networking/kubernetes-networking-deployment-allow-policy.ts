import * as k8s from "@pulumi/kubernetes";
import { NamespaceConfig, SYSTEM_NAMESPACES_SCHEMA, applicationNamespaces, inNamespace, isEmptySelector, namespaceName, namespaceOf, selects } from "../../../lib/k8s";
import { podTemplateOf } from "../../../lib/pods";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** Every Deployment in an application namespace is selected by an allow policy. */
export const kubernetesNetworkingDeploymentAllowPolicy = stackPolicy(
  {
    name: "kubernetes-networking-deployment-allow-policy",
    description: "Every Deployment in an application namespace is selected by a NetworkPolicy (other than the default deny) that allows its expected traffic.",
    severity: "medium",
    remediationSteps: "Add a NetworkPolicy whose podSelector matches the Deployment's pod labels and that allows its callers in and its dependencies out.",
    frameworks: ["KYV add-networkpolicy", "CKV2_K8S_6", "POL", "KS pod-networkpolicy"],
    seed: true,
    configSchema: { properties: SYSTEM_NAMESPACES_SCHEMA },
  },
  (stack, args) => {
    const appNamespaces = new Set(applicationNamespaces(stack, args.getConfig<NamespaceConfig>().systemNamespaces).map(namespaceName));
    const deployments = stack.ofType(k8s.apps.v1.Deployment).filter((d) => appNamespaces.has(namespaceOf(d)));
    if (deployments.length === 0) args.notApplicable("The stack has no Deployment in an application namespace.");
    return deployments
      .filter((d) => {
        const labels = podTemplateOf(d.type, d.props).metadata.labels;
        return !inNamespace(stack, namespaceOf(d), k8s.networking.v1.NetworkPolicy).some((p) => {
          const spec = (known(() => p.props.spec) as Record<string, any> | undefined) ?? {};
          const allows = (spec.ingress ?? []).length > 0 || (spec.egress ?? []).length > 0;
          return allows && !isEmptySelector(spec.podSelector) && selects(spec.podSelector, labels);
        });
      })
      .map((d) => ({ urn: d.urn, message: `${label(d)} is not selected by any NetworkPolicy that allows traffic.` }));
  },
);
