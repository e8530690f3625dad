import { podPolicy } from "../../../lib/pods";

/** Pods do not share the node's network, PID or IPC namespace. */
export const kubernetesCorePodNoHostNamespaces = podPolicy(
  {
    name: "kubernetes-core-pod-no-host-namespaces",
    description: "No pod shares the node's network, PID or IPC namespace (hostNetwork, hostPID and hostIPC are off).",
    severity: "critical",
    remediationSteps: "Remove hostNetwork, hostPID and hostIPC from the pod spec.",
    frameworks: ["PSS baseline", "KYV disallow-host-namespaces", "CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19", "POL hostNetworkSet", "POL hostPIDSet", "POL hostIPCSet"],
  },
  (pod) => (["hostNetwork", "hostPID", "hostIPC"] as const).map((k) => pod.spec[k] === true && `The pod sets ${k} to true.`),
);
