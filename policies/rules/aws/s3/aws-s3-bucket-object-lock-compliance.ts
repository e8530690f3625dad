import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { BUCKETS } from "../../../lib/s3";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

interface Config {
  /** Buckets whose logical name or bucket name contains this text hold order documents. */
  readonly bucketNameContains: string;
  /** The minimum retention, in years (365 days each). */
  readonly minimumYears: number;
  /** The minimum retention in days; when set, it replaces `minimumYears`. */
  readonly minimumDays?: number;
  /** The retention modes accepted. */
  readonly modes: readonly ("COMPLIANCE" | "GOVERNANCE")[];
}

/** The order-documents bucket keeps every object immutable for seven years (a shorter GOVERNANCE lock where the stack's config allows it, e.g. dev). */
export const awsS3BucketObjectLockCompliance = stackPolicy(
  {
    name: "aws-s3-bucket-object-lock-compliance",
    description:
      "The order-documents bucket has Object Lock with a default retention in COMPLIANCE mode of at least seven years; a stack's config may accept GOVERNANCE and a shorter minimum (dev, so it can be destroyed).",
    severity: "high",
    remediationSteps:
      "Create the bucket with objectLockEnabled true and add an aws.s3.BucketObjectLockConfiguration with defaultRetention mode COMPLIANCE and years >= 7 (or days >= 2555); set platform:data.buckets.documentLock accordingly.",
    frameworks: ["CKV_AWS_143"],
    configSchema: {
      properties: {
        bucketNameContains: { type: "string", default: "order-documents" },
        minimumYears: { type: "integer", minimum: 1, default: 7 },
        minimumDays: { type: "integer", minimum: 1 },
        modes: { type: "array", items: { type: "string", enum: ["COMPLIANCE", "GOVERNANCE"] }, minItems: 1, default: ["COMPLIANCE"] },
      },
    },
  },
  (stack, args) => {
    const { bucketNameContains, minimumYears, minimumDays, modes } = args.getConfig<Config>();
    const minimum = minimumDays ?? minimumYears * 365;
    const minimumText = minimumDays !== undefined ? `${minimumDays} days` : `${minimumYears} years`;
    const buckets = stack.ofType(...BUCKETS).filter((b) => b.name.includes(bucketNameContains) || String(known(() => b.props.bucket) ?? "").includes(bucketNameContains));
    if (buckets.length === 0) args.notApplicable(`The stack has no bucket named like '${bucketNameContains}'.`);
    return buckets.flatMap((bucket) => {
      const problem = (() => {
        if (known(() => bucket.props.objectLockEnabled) !== true) return "does not enable Object Lock (objectLockEnabled).";
        const configs = stack.referrers(bucket, "bucket", aws.s3.BucketObjectLockConfiguration, aws.s3.BucketObjectLockConfigurationV2);
        const retention = configs.map((c) => known(() => c.props.rule?.defaultRetention) as { mode?: string; years?: number; days?: number } | undefined).find((r) => r);
        if (!retention) return "has no default Object Lock retention.";
        if (!(modes as readonly string[]).includes(retention.mode ?? "")) return `has Object Lock mode ${retention.mode ?? "(unset)"}, not ${modes.join(" or ")}.`;
        const days = retention.years !== undefined ? retention.years * 365 : (retention.days ?? 0);
        return days < minimum ? `keeps objects ${retention.years !== undefined ? `${retention.years} years` : `${retention.days} days`}, less than ${minimumText}.` : undefined;
      })();
      return problem ? [{ urn: bucket.urn, message: `${label(bucket)} ${problem}` }] : [];
    });
  },
);
