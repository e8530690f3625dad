import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { StackFinding } from "./resource";
import { StackIndex, label } from "./stack";

/** Both bucket classes: `Bucket` and the deprecated `BucketV2`. */
export const BUCKETS = [aws.s3.Bucket, aws.s3.BucketV2] as const;

/**
 * The per-bucket configuration check every S3 stack policy shares: for each bucket, the
 * configuration resources of `types` that point at it (through their `bucket` input) are
 * passed to `check`, which returns the problem or nothing.
 */
export function perBucket(
  stack: StackIndex,
  notApplicable: (reason: string) => never,
  types: readonly Parameters<StackIndex["ofType"]>[number][],
  check: (configs: PolicyResource[], bucket: PolicyResource) => string | undefined,
): StackFinding[] {
  const buckets = stack.ofType(...BUCKETS);
  if (buckets.length === 0) notApplicable("The stack has no S3 bucket.");
  return buckets.flatMap((bucket) => {
    const problem = check(stack.referrers(bucket, "bucket", ...types), bucket);
    return problem ? [{ urn: bucket.urn, message: `${label(bucket)} ${problem}` }] : [];
  });
}
