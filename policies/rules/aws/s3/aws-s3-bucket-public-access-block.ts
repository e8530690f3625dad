import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { perBucket } from "../../../lib/s3";
import { known } from "../../../lib/unknown";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** All four public-access-block flags are on. */
export const awsS3BucketPublicAccessBlock = stackPolicy(
  {
    name: "aws-s3-bucket-public-access-block",
    description: "Every S3 bucket has a public access block with all four flags (block and ignore public ACLs, block public policy, restrict public buckets) on.",
    severity: "critical",
    remediationSteps: "Add an aws.s3.BucketPublicAccessBlock for the bucket with all four flags set to true.",
    frameworks: ["NAG S2", "CKV2_AWS_6", "FSBP S3.1", "FSBP S3.8"],
  },
  (stack, args) =>
    perBucket(stack, args.notApplicable, [aws.s3.BucketPublicAccessBlock], (configs) => {
      if (configs.length === 0) return "has no public access block.";
      const off = FLAGS.filter((f) => !configs.some((c) => known(() => c.props[f]) === true));
      return off.length > 0 ? `has public access block flags off: ${off.join(", ")}.` : undefined;
    }),
);
