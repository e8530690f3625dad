import * as aws from "@pulumi/aws";
import { statementName, statementsOf, wildcardAllows } from "../../../lib/iam";
import { resourcePolicy } from "../../../lib/resource";

/** Bucket policies never allow everyone. */
export const awsS3BucketPolicyNoPublicPrincipal = resourcePolicy(
  {
    name: "aws-s3-bucketpolicy-no-public-principal",
    description: "No S3 bucket policy has an Allow statement whose principal is everyone (*).",
    severity: "critical",
    remediationSteps: "Grant access to named principals (accounts, roles, or the CloudFront service principal with an aws:SourceArn condition), never to *.",
    frameworks: ["CKV_AWS_70"],
  },
  aws.s3.BucketPolicy,
  (p) => {
    const statements = statementsOf(p.policy) ?? [];
    return wildcardAllows(statements, { exemptWithCondition: false }).map((s) => `${statementName(statements, s)} allows principal *.`);
  },
);
