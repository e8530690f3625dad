import * as aws from "@pulumi/aws";
import { noPublicPrincipalPolicy } from "../../../lib/resourcePolicies";

/** Queue policies never let anyone send to or read a queue. */
export const awsSqsQueuePolicyNoPublicPrincipal = noPublicPrincipalPolicy(
  {
    name: "aws-sqs-queuepolicy-no-public-principal",
    description: "No SQS queue policy (an aws.sqs.QueuePolicy, or the inline policy of a Queue) allows principal * without a condition that restricts the caller (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce...).",
    severity: "critical",
    remediationSteps: "Grant sqs:SendMessage to the service principal that delivers (e.g. events.amazonaws.com) with an aws:SourceArn condition naming the rule or topic, or to named roles; never to * alone.",
    frameworks: ["CKV_AWS_168", "FSBP SQS.3"],
  },
  [
    { type: aws.sqs.QueuePolicy, field: "policy", what: "queue policy" },
    { type: aws.sqs.Queue, field: "policy", what: "queue's inline policy" },
  ],
);
