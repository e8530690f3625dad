import * as aws from "@pulumi/aws";
import { deniesInsecureTransport, statementsOf } from "../../../lib/iam";
import { stackPolicy } from "../../../lib/resource";
import { perBucket } from "../../../lib/s3";
import { known } from "../../../lib/unknown";

/** The bucket policy denies requests that do not use TLS. */
export const awsS3BucketTlsOnlyPolicy = stackPolicy(
  {
    name: "aws-s3-bucket-tls-only-policy",
    description: "Every S3 bucket has a bucket policy that denies any request made without TLS (aws:SecureTransport false).",
    severity: "high",
    remediationSteps: "Add an aws.s3.BucketPolicy with a Deny statement for Principal * on s3:* when aws:SecureTransport is false.",
    frameworks: ["NAG S10", "CKV_AWS_379", "FSBP S3.5"],
  },
  (stack, args) =>
    perBucket(stack, args.notApplicable, [aws.s3.BucketPolicy], (configs) => {
      if (configs.length === 0) return "has no bucket policy.";
      return configs.some((c) => deniesInsecureTransport(statementsOf(known(() => c.props.policy)) ?? [])) ? undefined : "has a bucket policy that does not deny requests without TLS.";
    }),
);
