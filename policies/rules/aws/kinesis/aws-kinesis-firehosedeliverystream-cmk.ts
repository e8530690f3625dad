import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { resourcePolicy } from "../../../lib/resource";

/** Firehose encrypts with a customer-managed key. */
export const awsKinesisFirehoseDeliveryStreamCmk = resourcePolicy(
  {
    name: "aws-kinesis-firehosedeliverystream-cmk",
    description:
      "Firehose delivery streams encrypt with a customer-managed KMS key: direct-put streams through server-side encryption of type CUSTOMER_MANAGED_CMK, and streams with an MSK or Kinesis source (which take the source's encryption) through the S3 destination's KMS key.",
    severity: "high",
    remediationSteps:
      "For direct-put streams set serverSideEncryption {enabled: true, keyType: CUSTOMER_MANAGED_CMK, keyArn}; for MSK or Kinesis sources set extendedS3Configuration.kmsKeyArn.",
    frameworks: ["NAG KDF1", "CKV_AWS_240", "CKV_AWS_241"],
    seed: true,
  },
  aws.kinesis.FirehoseDeliveryStream,
  (s) => {
    const sourced = s.mskSourceConfiguration !== undefined || s.kinesisSourceConfiguration !== undefined;
    if (sourced) return s.extendedS3Configuration ? customerManagedKeyProblem(s.extendedS3Configuration.kmsKeyArn, "extendedS3Configuration.kmsKeyArn") : undefined;
    const sse = s.serverSideEncryption;
    if (sse?.enabled !== true) return "serverSideEncryption is not enabled.";
    if (sse.keyType !== "CUSTOMER_MANAGED_CMK") return `serverSideEncryption.keyType is ${sse.keyType ?? "AWS_OWNED_CMK"}, not CUSTOMER_MANAGED_CMK.`;
    return customerManagedKeyProblem(sse.keyArn, "serverSideEncryption.keyArn");
  },
);
