import { containerPolicy } from "../../../lib/pods";

/** Containers do not bind ports on the node. */
export const kubernetesCorePodNoHostPorts = containerPolicy(
  {
    name: "kubernetes-core-pod-no-host-ports",
    description: "No container binds a port on the node (hostPort).",
    severity: "high",
    remediationSteps: "Remove hostPort from the container's ports; expose the pod through a Service.",
    frameworks: ["PSS baseline", "KYV disallow-host-ports", "CKV_K8S_26", "POL hostPortSet"],
  },
  (c) => {
    const ports = (c.container.ports ?? []).filter((p) => (p.hostPort ?? 0) !== 0).map((p) => p.hostPort);
    return ports.length > 0 ? `binds host port(s) ${ports.join(", ")}.` : undefined;
  },
);
