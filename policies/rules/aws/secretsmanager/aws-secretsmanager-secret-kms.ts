import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { resourcePolicy } from "../../../lib/resource";

/** Secrets are encrypted with a customer-managed key. */
export const awsSecretsmanagerSecretKms = resourcePolicy(
  {
    name: "aws-secretsmanager-secret-kms",
    description: "Secrets Manager secrets are encrypted with a customer-managed KMS key.",
    severity: "high",
    remediationSteps: "Set kmsKeyId on the secret to the owning service's customer-managed key.",
    frameworks: ["CKV_AWS_149", "CP aws-secretsmanager-secret-configure-customer-managed-key"],
    seed: true,
  },
  aws.secretsmanager.Secret,
  (s) => customerManagedKeyProblem(s.kmsKeyId, "kmsKeyId"),
);
