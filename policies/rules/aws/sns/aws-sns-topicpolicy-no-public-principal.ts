import * as aws from "@pulumi/aws";
import { noPublicPrincipalPolicy } from "../../../lib/resourcePolicies";

/** Topic policies never let anyone publish or subscribe. */
export const awsSnsTopicPolicyNoPublicPrincipal = noPublicPrincipalPolicy(
  {
    name: "aws-sns-topicpolicy-no-public-principal",
    description: "No SNS topic policy (an aws.sns.TopicPolicy, or the inline policy of a Topic) allows principal * without a condition that restricts the caller (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID...).",
    severity: "critical",
    remediationSteps: "Grant sns:Publish to the service principal that publishes (e.g. cloudwatch.amazonaws.com) with an aws:SourceArn or aws:SourceAccount condition, or to named roles; never to * alone.",
    frameworks: ["CKV_AWS_169", "FSBP SNS.4"],
  },
  [
    { type: aws.sns.TopicPolicy, field: "policy", what: "topic policy" },
    { type: aws.sns.Topic, field: "policy", what: "topic's inline policy" },
  ],
);
