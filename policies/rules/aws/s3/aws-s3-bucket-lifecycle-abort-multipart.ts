import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { perBucket } from "../../../lib/s3";
import { known } from "../../../lib/unknown";

/** A lifecycle rule cleans up incomplete multipart uploads. */
export const awsS3BucketLifecycleAbortMultipart = stackPolicy(
  {
    name: "aws-s3-bucket-lifecycle-abort-multipart",
    description: "Every S3 bucket has a lifecycle configuration with an enabled rule that aborts incomplete multipart uploads.",
    severity: "low",
    remediationSteps: "Add an aws.s3.BucketLifecycleConfiguration with an Enabled rule setting abortIncompleteMultipartUpload.daysAfterInitiation.",
    frameworks: ["CKV2_AWS_61"],
  },
  (stack, args) =>
    perBucket(stack, args.notApplicable, [aws.s3.BucketLifecycleConfiguration, aws.s3.BucketLifecycleConfigurationV2], (configs) => {
      if (configs.length === 0) return "has no lifecycle configuration.";
      const rules = configs.flatMap((c) => (known(() => c.props.rules) as Record<string, any>[] | undefined) ?? []);
      return rules.some((r) => r.status === "Enabled" && r.abortIncompleteMultipartUpload?.daysAfterInitiation !== undefined)
        ? undefined
        : "has no enabled lifecycle rule that aborts incomplete multipart uploads.";
    }),
);
