import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { resourcePolicy } from "../../../lib/resource";

/** Queues are encrypted with a customer-managed key. */
export const awsSqsQueueKms = resourcePolicy(
  {
    name: "aws-sqs-queue-kms",
    description: "SQS queues, dead-letter queues included, are encrypted with a customer-managed KMS key.",
    severity: "medium",
    remediationSteps: "Set kmsMasterKeyId on the queue to a customer-managed key (SQS-managed SSE is not enough).",
    frameworks: ["platform"],
    seed: true,
  },
  aws.sqs.Queue,
  (q) => customerManagedKeyProblem(q.kmsMasterKeyId, "kmsMasterKeyId"),
);
