import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { stackPolicy } from "../../../lib/resource";
import { BUCKETS, perBucket } from "../../../lib/s3";
import { known } from "../../../lib/unknown";

/**
 * Buckets default to SSE-KMS with a customer-managed key and a bucket key, where the
 * writer allows one: Elastic Load Balancing delivers ALB access logs only to buckets
 * encrypted with S3-managed keys, so a bucket that an ALB's `accessLogs` names must use
 * SSE-S3 (AES256) instead.
 */
export const awsS3BucketSseKms = stackPolicy(
  {
    name: "aws-s3-bucket-sse-kms",
    description:
      "Every S3 bucket's default encryption is SSE-KMS with a customer-managed key, with the S3 bucket key enabled; an ALB access-log bucket uses SSE-S3, the only encryption ALB log delivery supports.",
    severity: "high",
    remediationSteps:
      "Add an aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms, kmsMasterKeyId set to a customer-managed key, and bucketKeyEnabled true. For a bucket that receives ALB access logs (and nothing else), use sseAlgorithm AES256.",
    frameworks: ["CP aws-s3-bucketserversideencryptionconfiguration-configure-customer-managed-key", "CKV_AWS_19", "CKV_AWS_145", "FSBP S3.17"],
    seed: true,
  },
  (stack, args) => {
    const albLogBuckets = new Set(stack.ofType(aws.lb.LoadBalancer, aws.alb.LoadBalancer).flatMap((lb) => stack.refs(lb, "accessLogs", ...BUCKETS)));
    return perBucket(stack, args.notApplicable, [aws.s3.BucketServerSideEncryptionConfiguration, aws.s3.BucketServerSideEncryptionConfigurationV2], (configs, bucket) => {
      const rules = configs.flatMap((c) => (known(() => c.props.rules) as Record<string, any>[] | undefined) ?? []);
      if (rules.length === 0) return "has no server-side encryption configuration.";
      const rule = rules[0];
      const sse = rule.applyServerSideEncryptionByDefault ?? {};
      if (albLogBuckets.has(bucket)) {
        return sse.sseAlgorithm === "AES256"
          ? undefined
          : `receives ALB access logs, which Elastic Load Balancing delivers only to SSE-S3 buckets; it uses sseAlgorithm ${sse.sseAlgorithm ?? "(unset)"}, not AES256.`;
      }
      if (sse.sseAlgorithm !== "aws:kms" && sse.sseAlgorithm !== "aws:kms:dsse") return `uses sseAlgorithm ${sse.sseAlgorithm ?? "(unset)"}, not aws:kms.`;
      const key = customerManagedKeyProblem(sse.kmsMasterKeyId, "kmsMasterKeyId");
      if (key) return `encryption: ${key}`;
      return rule.bucketKeyEnabled === true ? undefined : "does not enable the S3 bucket key (bucketKeyEnabled).";
    });
  },
);
