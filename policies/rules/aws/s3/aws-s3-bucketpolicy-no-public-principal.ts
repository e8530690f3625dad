import * as aws from "@pulumi/aws";
import { noPublicPrincipalPolicy } from "../../../lib/resourcePolicies";

/** Bucket policies never allow everyone, whether set as a resource or inline on the bucket. */
export const awsS3BucketPolicyNoPublicPrincipal = noPublicPrincipalPolicy(
  {
    name: "aws-s3-bucketpolicy-no-public-principal",
    description: "No S3 bucket policy (an aws.s3.BucketPolicy, or the inline policy of a Bucket or BucketV2) has an Allow statement whose principal is everyone (*), with or without a condition.",
    severity: "critical",
    remediationSteps: "Grant access to named principals (accounts, roles, or the CloudFront service principal with an aws:SourceArn condition), never to *.",
    frameworks: ["CKV_AWS_70"],
  },
  [
    { type: aws.s3.BucketPolicy, field: "policy", what: "bucket policy" },
    { type: aws.s3.Bucket, field: "policy", what: "bucket's inline policy" },
    { type: aws.s3.BucketV2, field: "policy", what: "bucket's inline policy" },
  ],
  { conditions: "ignored" },
);
