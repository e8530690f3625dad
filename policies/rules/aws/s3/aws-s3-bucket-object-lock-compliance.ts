import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { BUCKETS } from "../../../lib/s3";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

interface Config {
  /** Buckets whose logical name or bucket name contains this text hold order documents. */
  readonly bucketNameContains: string;
  /** The minimum COMPLIANCE retention, in years. */
  readonly minimumYears: number;
}

/** The order-documents bucket keeps every object immutable for seven years. */
export const awsS3BucketObjectLockCompliance = stackPolicy(
  {
    name: "aws-s3-bucket-object-lock-compliance",
    description: "The order-documents bucket has Object Lock in COMPLIANCE mode with a default retention of at least seven years.",
    severity: "high",
    remediationSteps: "Create the bucket with objectLockEnabled true and add an aws.s3.BucketObjectLockConfiguration with defaultRetention mode COMPLIANCE and years >= 7 (or days >= 2555).",
    frameworks: ["CKV_AWS_143"],
    configSchema: {
      properties: {
        bucketNameContains: { type: "string", default: "order-documents" },
        minimumYears: { type: "integer", minimum: 1, default: 7 },
      },
    },
  },
  (stack, args) => {
    const { bucketNameContains, minimumYears } = args.getConfig<Config>();
    const buckets = stack.ofType(...BUCKETS).filter((b) => b.name.includes(bucketNameContains) || String(known(() => b.props.bucket) ?? "").includes(bucketNameContains));
    if (buckets.length === 0) args.notApplicable(`The stack has no bucket named like '${bucketNameContains}'.`);
    return buckets.flatMap((bucket) => {
      const problem = (() => {
        if (known(() => bucket.props.objectLockEnabled) !== true) return "does not enable Object Lock (objectLockEnabled).";
        const configs = stack.referrers(bucket, "bucket", aws.s3.BucketObjectLockConfiguration, aws.s3.BucketObjectLockConfigurationV2);
        const retention = configs.map((c) => known(() => c.props.rule?.defaultRetention) as { mode?: string; years?: number; days?: number } | undefined).find((r) => r);
        if (!retention) return "has no default Object Lock retention.";
        if (retention.mode !== "COMPLIANCE") return `has Object Lock mode ${retention.mode ?? "(unset)"}, not COMPLIANCE.`;
        const days = retention.years !== undefined ? retention.years * 365 : (retention.days ?? 0);
        return days < minimumYears * 365 ? `keeps objects ${retention.years !== undefined ? `${retention.years} years` : `${retention.days} days`}, less than ${minimumYears} years.` : undefined;
      })();
      return problem ? [{ urn: bucket.urn, message: `${label(bucket)} ${problem}` }] : [];
    });
  },
);
