import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { perBucket } from "../../../lib/s3";
import { known } from "../../../lib/unknown";

/** ACLs are disabled: the bucket owner owns every object. */
export const awsS3BucketOwnerEnforced = stackPolicy(
  {
    name: "aws-s3-bucket-owner-enforced",
    description: "Every S3 bucket's object ownership is BucketOwnerEnforced, which disables ACLs.",
    severity: "medium",
    remediationSteps: "Add an aws.s3.BucketOwnershipControls for the bucket with rule.objectOwnership BucketOwnerEnforced.",
    frameworks: ["CKV2_AWS_65"],
  },
  (stack, args) =>
    perBucket(stack, args.notApplicable, [aws.s3.BucketOwnershipControls], (configs) => {
      const modes = configs.map((c) => known(() => c.props.rule?.objectOwnership) as string | undefined);
      if (modes.includes("BucketOwnerEnforced")) return undefined;
      return modes.length === 0 ? "has no ownership controls." : `has object ownership ${modes.join(", ")}, not BucketOwnerEnforced.`;
    }),
);
