import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { resourcePolicy } from "../../../lib/resource";

/** Kafka data at rest is encrypted with a customer-managed key. */
export const awsMskClusterEncryptionAtRestCmk = resourcePolicy(
  {
    name: "aws-msk-cluster-encryption-at-rest-cmk",
    description: "MSK clusters encrypt broker storage with a customer-managed KMS key rather than the AWS-managed default.",
    severity: "high",
    remediationSteps: "Set encryptionInfo.encryptionAtRestKmsKeyArn to a customer-managed key.",
    frameworks: ["platform"],
    seed: true,
  },
  aws.msk.Cluster,
  (c) => customerManagedKeyProblem(c.encryptionInfo?.encryptionAtRestKmsKeyArn, "encryptionInfo.encryptionAtRestKmsKeyArn"),
);
