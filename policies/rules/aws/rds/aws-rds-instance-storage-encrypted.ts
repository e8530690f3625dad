import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Database storage is encrypted with a customer-managed key. */
export const awsRdsInstanceStorageEncrypted = resourcePolicyOfTypes(
  {
    name: "aws-rds-instance-storage-encrypted",
    description: "RDS instances and Aurora clusters encrypt their storage with a customer-managed KMS key.",
    severity: "high",
    remediationSteps: "Set storageEncrypted to true and kmsKeyId to the service's own customer-managed key.",
    frameworks: ["AG rds-storage-encrypted", "CP aws-rds-instance-disallow-unencrypted-storage", "CP aws-rds-instance-configure-customer-managed-key", "NAG RDS2", "CKV_AWS_16", "FSBP RDS.3"],
    seed: true,
  },
  [aws.rds.Instance, aws.rds.Cluster],
  (props) => {
    // A read replica inherits its source's encryption.
    if (props.replicateSourceDb) return undefined;
    return [props.storageEncrypted !== true && "storageEncrypted is not true.", customerManagedKeyProblem(props.kmsKeyId, "kmsKeyId")];
  },
);
