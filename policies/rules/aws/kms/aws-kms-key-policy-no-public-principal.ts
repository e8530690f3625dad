import * as aws from "@pulumi/aws";
import { statementName, statementsOf, wildcardAllows } from "../../../lib/iam";
import { resourcePolicy } from "../../../lib/resource";

/** Key policies are explicit and never grant to everyone. */
export const awsKmsKeyPolicyNoPublicPrincipal = resourcePolicy(
  {
    name: "aws-kms-key-policy-no-public-principal",
    description: "KMS keys have an explicit key policy, and no statement of it allows principal *.",
    severity: "critical",
    remediationSteps: "Set policy on the key; grant the account root for administration and named roles or service principals for use, never *.",
    frameworks: ["CKV_AWS_33"],
    seed: true,
  },
  aws.kms.Key,
  (key) => {
    if (!key.policy) return "The key has no policy, so it gets the default policy instead of one the platform reviews.";
    const statements = statementsOf(key.policy);
    if (!statements) return "The key policy is not valid JSON.";
    return wildcardAllows(statements, { exemptWithCondition: false }).map((s) => `Key policy ${statementName(statements, s)} allows principal *.`);
  },
);
