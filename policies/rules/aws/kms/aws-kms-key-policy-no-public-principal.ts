import * as aws from "@pulumi/aws";
import { noPublicPrincipalPolicy } from "../../../lib/resourcePolicies";

/** Key policies are explicit and never grant to everyone. */
export const awsKmsKeyPolicyNoPublicPrincipal = noPublicPrincipalPolicy(
  {
    name: "aws-kms-key-policy-no-public-principal",
    description: "KMS keys have an explicit key policy, and no statement of it (on the key or in an aws.kms.KeyPolicy) allows principal *, with or without a condition.",
    severity: "critical",
    remediationSteps: "Set policy on the key; grant the account root for administration and named roles or service principals for use, never *.",
    frameworks: ["CKV_AWS_33", "FSBP KMS.5"],
    seed: true,
  },
  [
    { type: aws.kms.Key, field: "policy", what: "key policy" },
    { type: aws.kms.KeyPolicy, field: "policy", what: "key policy" },
  ],
  {
    conditions: "ignored",
    extra: (props, type) =>
      type === "aws:kms/key:Key" && !props.policy ? "The key has no policy, so it gets the default policy instead of one the platform reviews." : undefined,
  },
);
