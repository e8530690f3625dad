import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { perBucket } from "../../../lib/s3";

/** Server access logging is on (the log bucket itself is exempt). */
export const awsS3BucketAccessLogging = stackPolicy(
  {
    name: "aws-s3-bucket-access-logging",
    description: "Every S3 bucket has server access logging, except the buckets that receive other buckets' access logs.",
    severity: "medium",
    remediationSteps: "Add an aws.s3.BucketLogging for the bucket with targetBucket set to the access-log bucket.",
    frameworks: ["AG s3-bucket-logging-enabled", "NAG S1", "CKV_AWS_18"],
  },
  (stack, args) => {
    const loggingTypes = [aws.s3.BucketLogging, aws.s3.BucketLoggingV2];
    const targets = new Set(stack.ofType(...loggingTypes).flatMap((l) => stack.refs(l, "targetBucket", aws.s3.Bucket, aws.s3.BucketV2)));
    return perBucket(stack, args.notApplicable, loggingTypes, (configs, bucket) => (configs.length === 0 && !targets.has(bucket) ? "has no server access logging." : undefined));
  },
);
