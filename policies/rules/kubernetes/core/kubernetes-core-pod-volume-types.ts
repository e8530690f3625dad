import { podPolicy } from "../../../lib/pods";

/** The volume types Pod Security "restricted" allows. */
const ALLOWED_VOLUMES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

/** Pods use only the restricted volume types: no hostPath and no other node or network volumes. */
export const kubernetesCorePodVolumeTypes = podPolicy(
  {
    name: "kubernetes-core-pod-volume-types",
    description: "Pods use only the volume types Pod Security restricted allows (configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret), so never hostPath.",
    severity: "high",
    remediationSteps: "Replace hostPath and other volume types with a PersistentVolumeClaim, CSI volume, emptyDir or projected volume.",
    frameworks: ["PSS restricted", "KYV restrict-volume-types", "KYV disallow-host-path", "CKV_K8S_27"],
  },
  (pod) =>
    (pod.spec.volumes ?? []).map((v, i) => {
      const types = Object.keys(v).filter((k) => k !== "name");
      const bad = types.filter((t) => !ALLOWED_VOLUMES.includes(t));
      return bad.length > 0 && `Volume '${String(v.name ?? i + 1)}' is of type ${bad.join(", ")}, which is not allowed.`;
    }),
);
