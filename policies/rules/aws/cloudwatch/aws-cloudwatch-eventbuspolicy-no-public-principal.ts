import * as aws from "@pulumi/aws";
import { statementName, statementsOf, wildcardAllows } from "../../../lib/iam";
import { resourcePolicy } from "../../../lib/resource";

/** Event bus policies are not open to everyone. */
export const awsCloudwatchEventBusPolicyNoPublicPrincipal = resourcePolicy(
  {
    name: "aws-cloudwatch-eventbuspolicy-no-public-principal",
    description: "No EventBridge event bus policy allows principal * without a condition that narrows it (such as aws:PrincipalOrgID).",
    severity: "high",
    remediationSteps: "Grant events:PutEvents to named accounts or services, or add a condition such as aws:PrincipalOrgID.",
    frameworks: ["NAG EVB1"],
  },
  aws.cloudwatch.EventBusPolicy,
  (p) => {
    const statements = statementsOf(p.policy) ?? [];
    return wildcardAllows(statements, { exemptWithCondition: true }).map((s) => `${statementName(statements, s)} allows principal * with no condition.`);
  },
);
