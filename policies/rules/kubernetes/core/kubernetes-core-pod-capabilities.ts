import { containerPolicy } from "../../../lib/pods";

/** Containers drop every capability and add back at most NET_BIND_SERVICE. */
export const kubernetesCorePodCapabilities = containerPolicy(
  {
    name: "kubernetes-core-pod-capabilities",
    description: "Every container drops ALL Linux capabilities and adds back none but NET_BIND_SERVICE.",
    severity: "high",
    remediationSteps: "Set securityContext.capabilities: { drop: [\"ALL\"] } and add only NET_BIND_SERVICE if the container binds a port below 1024.",
    frameworks: ["PSS restricted", "KYV require-drop-all", "CKV_K8S_28", "CKV_K8S_37", "POL dangerousCapabilities"],
  },
  (c) => {
    const caps = c.container.securityContext?.capabilities;
    const added = (caps?.add ?? []).filter((a) => a !== "NET_BIND_SERVICE");
    if (!(caps?.drop ?? []).includes("ALL")) return "does not drop ALL capabilities.";
    return added.length > 0 ? `adds capabilities ${added.join(", ")}; only NET_BIND_SERVICE may be added.` : undefined;
  },
);
