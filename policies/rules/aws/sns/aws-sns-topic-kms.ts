import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { resourcePolicy } from "../../../lib/resource";

/** Topics are encrypted with a customer-managed key. */
export const awsSnsTopicKms = resourcePolicy(
  {
    name: "aws-sns-topic-kms",
    description: "SNS topics are encrypted with a customer-managed KMS key.",
    severity: "medium",
    remediationSteps: "Set kmsMasterKeyId on the topic to a customer-managed key (not alias/aws/sns).",
    frameworks: ["CKV_AWS_26", "FSBP SNS.1"],
    seed: true,
  },
  aws.sns.Topic,
  (t) => customerManagedKeyProblem(t.kmsMasterKeyId, "kmsMasterKeyId"),
);
