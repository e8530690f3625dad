import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { resourcePolicy } from "../../../lib/resource";

/** EFS file systems are encrypted with a customer-managed key. */
export const awsEfsFileSystemEncrypted = resourcePolicy(
  {
    name: "aws-efs-filesystem-encrypted",
    description: "EFS file systems are encrypted at rest with a customer-managed KMS key.",
    severity: "high",
    remediationSteps: "Set encrypted to true and kmsKeyId to a customer-managed key.",
    frameworks: ["AG efs-encrypted-check", "CP aws-efs-filesystem-configure-customer-managed-key", "NAG EFS1", "CKV_AWS_42", "CKV_AWS_184", "FSBP EFS.1"],
    seed: true,
  },
  aws.efs.FileSystem,
  (fs) => [fs.encrypted !== true && "encrypted is not true.", customerManagedKeyProblem(fs.kmsKeyId, "kmsKeyId")],
);
