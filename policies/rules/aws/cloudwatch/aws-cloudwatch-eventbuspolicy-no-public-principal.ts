import * as aws from "@pulumi/aws";
import { grantStatement } from "../../../lib/iam";
import { noPublicPrincipalPolicy } from "../../../lib/resourcePolicies";

/** Event bus policies are not open to everyone. */
export const awsCloudwatchEventBusPolicyNoPublicPrincipal = noPublicPrincipalPolicy(
  {
    name: "aws-cloudwatch-eventbuspolicy-no-public-principal",
    description:
      "No EventBridge event bus policy (an EventBusPolicy, or an EventPermission) allows principal * without a condition that restricts the caller (aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn...).",
    severity: "high",
    remediationSteps: "Grant events:PutEvents to named accounts or roles, or add a condition on aws:PrincipalOrgID; a condition on events:source does not restrict who may put events.",
    frameworks: ["NAG EVB1"],
  },
  [
    { type: aws.cloudwatch.EventBusPolicy, field: "policy", what: "bus policy" },
    { type: aws.cloudwatch.EventPermission, field: "statement", what: "event permission" },
  ],
  {
    documentOf: (props, type) =>
      type === "aws:cloudwatch/eventPermission:EventPermission"
        ? { Statement: [{ Sid: props.statementId, ...grantStatement({ principal: props.principal, conditions: props.condition ? { [props.condition.type]: { [props.condition.key]: props.condition.value } } : {} }) }] }
        : undefined,
  },
);
