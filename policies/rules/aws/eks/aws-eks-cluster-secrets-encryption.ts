import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { resourcePolicy } from "../../../lib/resource";

/** Kubernetes secrets are envelope-encrypted with a KMS key. */
export const awsEksClusterSecretsEncryption = resourcePolicy(
  {
    name: "aws-eks-cluster-secrets-encryption",
    description: "EKS clusters envelope-encrypt Kubernetes secrets with a customer-managed KMS key.",
    severity: "high",
    remediationSteps: "Set encryptionConfig with resources [\"secrets\"] and provider.keyArn set to a customer-managed key.",
    frameworks: ["CKV_AWS_58", "CP aws-eks-cluster-configure-customer-managed-key", "FSBP EKS.3"],
    seed: true,
  },
  aws.eks.Cluster,
  (c) => {
    const enc = c.encryptionConfig;
    if (!enc || !(enc.resources ?? []).includes("secrets")) return "encryptionConfig does not cover secrets.";
    return customerManagedKeyProblem(enc.provider?.keyArn, "encryptionConfig.provider.keyArn");
  },
);
