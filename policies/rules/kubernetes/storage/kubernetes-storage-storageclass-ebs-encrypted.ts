import * as k8s from "@pulumi/kubernetes";
import { resourcePolicyOfTypes } from "../../../lib/resource";
import { known } from "../../../lib/unknown";

/** The EBS provisioners: the CSI driver and the retired in-tree one. */
const EBS_PROVISIONERS = ["ebs.csi.aws.com", "kubernetes.io/aws-ebs"];

/**
 * Every EBS StorageClass encrypts its volumes with a customer-managed key: `encrypted`
 * "true" and a `kmsKeyId`, so no PersistentVolume lands unencrypted or under the account's
 * default key.
 */
export const kubernetesStorageStorageClassEbsEncrypted = resourcePolicyOfTypes(
  {
    name: "kubernetes-storage-storageclass-ebs-encrypted",
    description:
      "StorageClasses of the EBS provisioners (ebs.csi.aws.com, kubernetes.io/aws-ebs) set parameters.encrypted to \"true\" and a kmsKeyId, so every PersistentVolume they create is encrypted with a customer-managed key.",
    severity: "high",
    remediationSteps: "Set parameters.encrypted: \"true\" and parameters.kmsKeyId to the ARN of a customer-managed key the EBS CSI driver's role may use (CreateGrant for AWS resources).",
    frameworks: ["FSBP EC2.7", "CKV_AWS_3"],
  },
  [k8s.storage.v1.StorageClass],
  (props) => {
    const provisioner = String(known(() => props.provisioner) ?? "");
    if (!EBS_PROVISIONERS.includes(provisioner)) return undefined;
    const params = (known(() => props.parameters) ?? {}) as Record<string, unknown>;
    const problems: string[] = [];
    if (String(params.encrypted ?? "") !== "true") problems.push(`The ${provisioner} StorageClass does not encrypt its volumes (parameters.encrypted is ${JSON.stringify(params.encrypted ?? null)}, not "true").`);
    if (params.kmsKeyId === undefined || params.kmsKeyId === "") problems.push(`The ${provisioner} StorageClass names no kmsKeyId, so volumes use the account's default EBS key, not a customer-managed one.`);
    return problems;
  },
);
