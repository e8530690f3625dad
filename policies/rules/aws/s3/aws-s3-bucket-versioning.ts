import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { perBucket } from "../../../lib/s3";
import { known } from "../../../lib/unknown";

/** Versioning is on. */
export const awsS3BucketVersioning = stackPolicy(
  {
    name: "aws-s3-bucket-versioning",
    description: "Every S3 bucket has versioning enabled.",
    severity: "medium",
    remediationSteps: "Add an aws.s3.BucketVersioning for the bucket with versioningConfiguration.status Enabled.",
    frameworks: ["CKV_AWS_21"],
  },
  (stack, args) =>
    perBucket(stack, args.notApplicable, [aws.s3.BucketVersioning, aws.s3.BucketVersioningV2], (configs, bucket) => {
      const inline = known(() => bucket.props.versioning?.enabled) === true;
      const status = configs.map((c) => known(() => c.props.versioningConfiguration?.status) as string | undefined);
      if (inline || status.includes("Enabled")) return undefined;
      return status.length === 0 ? "has no versioning configuration." : `has versioning status ${status.join(", ")}, not Enabled.`;
    }),
);
