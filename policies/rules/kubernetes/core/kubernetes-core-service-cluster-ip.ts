import * as k8s from "@pulumi/kubernetes";
import { resourcePolicy } from "../../../lib/resource";

interface Config {
  /** Namespaces of the ingress entry, whose Services may be LoadBalancer or NodePort. */
  readonly ingressNamespaces: string[];
}

/** Backend Services stay inside the cluster. */
export const kubernetesCoreServiceClusterIp = resourcePolicy(
  {
    name: "kubernetes-core-service-cluster-ip",
    description: "Services are of type ClusterIP; only the ingress entry's namespaces may expose a LoadBalancer or NodePort Service.",
    severity: "high",
    remediationSteps: "Use type ClusterIP and route external traffic through the ALB and the Istio ingress gateway.",
    frameworks: ["CP kubernetes-core-v1-service-disallow-nodeport", "KYV restrict-service-type", "KS service-type"],
    configSchema: { properties: { ingressNamespaces: { type: "array", items: { type: "string" }, default: ["istio-ingress"] } } },
  },
  k8s.core.v1.Service,
  (svc, args) => {
    const type = svc.spec?.type ?? "ClusterIP";
    const { ingressNamespaces } = args.getConfig<Config>();
    if (type === "ClusterIP" || type === "ExternalName") return undefined;
    const namespace = svc.metadata?.namespace ?? "default";
    return ingressNamespaces.includes(namespace) ? undefined : `The Service is of type ${type} in namespace ${namespace}; only ${ingressNamespaces.join(", ")} may expose one.`;
  },
);
