import * as aws from "@pulumi/aws";
import { statementsOf, webIdentityTrustProblems } from "../../../lib/iam";
import { resourcePolicy } from "../../../lib/resource";

/** An IRSA role can be assumed by exactly the service accounts it was made for. */
export const awsIamRoleWebIdentityTrustScoped = resourcePolicy(
  {
    name: "aws-iam-role-web-identity-trust-scoped",
    description:
      "Every IAM role whose trust policy allows sts:AssumeRoleWithWebIdentity from an OIDC provider pins <issuer>:aud to sts.amazonaws.com and <issuer>:sub to exact subjects (for EKS, system:serviceaccount:<namespace>:<name>) with StringEquals, never a wildcard or StringLike.",
    severity: "critical",
    remediationSteps:
      "In the trust policy's Condition, use StringEquals with \"<issuer>:aud\": \"sts.amazonaws.com\" and \"<issuer>:sub\": \"system:serviceaccount:<namespace>:<service-account>\" for each service account that needs the role.",
    frameworks: ["platform"],
  },
  aws.iam.Role,
  (role) => {
    const statements = statementsOf(role.assumeRolePolicy);
    if (!statements) return typeof role.assumeRolePolicy === "string" ? "The trust policy is not valid JSON." : undefined;
    return webIdentityTrustProblems(statements);
  },
);
