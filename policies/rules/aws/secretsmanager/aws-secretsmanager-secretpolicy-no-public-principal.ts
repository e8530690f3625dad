import * as aws from "@pulumi/aws";
import { noPublicPrincipalPolicy } from "../../../lib/resourcePolicies";

/** Secret policies never let anyone read a secret. */
export const awsSecretsmanagerSecretPolicyNoPublicPrincipal = noPublicPrincipalPolicy(
  {
    name: "aws-secretsmanager-secretpolicy-no-public-principal",
    description:
      "No Secrets Manager secret policy (an aws.secretsmanager.SecretPolicy, or the inline policy of a Secret) allows principal * without a condition that restricts the caller (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce...); a SecretPolicy does not turn off blockPublicPolicy.",
    severity: "critical",
    remediationSteps: "Grant secretsmanager:GetSecretValue to the named roles that need it, and keep blockPublicPolicy true on SecretPolicy resources.",
    frameworks: ["platform"],
  },
  [
    { type: aws.secretsmanager.SecretPolicy, field: "policy", what: "secret policy" },
    { type: aws.secretsmanager.Secret, field: "policy", what: "secret's inline policy" },
  ],
  { extra: (props, type) => type === "aws:secretsmanager/secretPolicy:SecretPolicy" && props.blockPublicPolicy === false ? "blockPublicPolicy is false, so Secrets Manager accepts a policy that opens the secret to everyone." : undefined },
);
