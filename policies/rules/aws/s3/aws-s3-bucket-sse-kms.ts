import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { stackPolicy } from "../../../lib/resource";
import { perBucket } from "../../../lib/s3";
import { known } from "../../../lib/unknown";

/** Buckets default to SSE-KMS with a customer-managed key and a bucket key. */
export const awsS3BucketSseKms = stackPolicy(
  {
    name: "aws-s3-bucket-sse-kms",
    description: "Every S3 bucket's default encryption is SSE-KMS with a customer-managed key, with the S3 bucket key enabled.",
    severity: "high",
    remediationSteps: "Add an aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms, kmsMasterKeyId set to a customer-managed key, and bucketKeyEnabled true.",
    frameworks: ["CP aws-s3-bucketserversideencryptionconfiguration-configure-customer-managed-key", "CKV_AWS_19", "CKV_AWS_145", "FSBP S3.17"],
    seed: true,
  },
  (stack, args) =>
    perBucket(stack, args.notApplicable, [aws.s3.BucketServerSideEncryptionConfiguration, aws.s3.BucketServerSideEncryptionConfigurationV2], (configs) => {
      const rules = configs.flatMap((c) => (known(() => c.props.rules) as Record<string, any>[] | undefined) ?? []);
      if (rules.length === 0) return "has no server-side encryption configuration.";
      const rule = rules[0];
      const sse = rule.applyServerSideEncryptionByDefault ?? {};
      if (sse.sseAlgorithm !== "aws:kms" && sse.sseAlgorithm !== "aws:kms:dsse") return `uses sseAlgorithm ${sse.sseAlgorithm ?? "(unset)"}, not aws:kms.`;
      const key = customerManagedKeyProblem(sse.kmsMasterKeyId, "kmsMasterKeyId");
      if (key) return `encryption: ${key}`;
      return rule.bucketKeyEnabled === true ? undefined : "does not enable the S3 bucket key (bucketKeyEnabled).";
    }),
);
