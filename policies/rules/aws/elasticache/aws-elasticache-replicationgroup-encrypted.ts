import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { resourcePolicy } from "../../../lib/resource";

/** Redis encrypts at rest (with a CMK) and in transit. */
export const awsElasticacheReplicationGroupEncrypted = resourcePolicy(
  {
    name: "aws-elasticache-replicationgroup-encrypted",
    description: "ElastiCache replication groups encrypt data at rest with a customer-managed KMS key and in transit with TLS.",
    severity: "high",
    remediationSteps: "Set atRestEncryptionEnabled and transitEncryptionEnabled to true and kmsKeyId to a customer-managed key.",
    frameworks: ["NAG AEC3", "CKV_AWS_29", "CKV_AWS_30", "CKV_AWS_191", "FSBP ElastiCache.4", "FSBP ElastiCache.5"],
    seed: true,
  },
  aws.elasticache.ReplicationGroup,
  (rg) => [
    String(rg.atRestEncryptionEnabled) !== "true" && "atRestEncryptionEnabled is not true.",
    rg.transitEncryptionEnabled !== true && "transitEncryptionEnabled is not true.",
    customerManagedKeyProblem(rg.kmsKeyId, "kmsKeyId"),
  ],
);
