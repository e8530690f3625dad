import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";

/** A stack with the security baseline also enables Security Hub. */
export const awsSecurityhubAccountEnabled = stackPolicy(
  {
    name: "aws-securityhub-account-enabled",
    description: "A stack that deploys the security baseline (a GuardDuty detector or a CloudTrail trail) also enables Security Hub.",
    severity: "medium",
    remediationSteps: "Add an aws.securityhub.Account next to the GuardDuty detector and the trail.",
    frameworks: ["CIS 4.16"],
  },
  (stack, args) => {
    const baseline = stack.ofType(aws.guardduty.Detector, aws.cloudtrail.Trail);
    if (baseline.length === 0) args.notApplicable("The stack deploys no security baseline.");
    return stack.has(aws.securityhub.Account) ? [] : [{ urn: baseline[0].urn, message: "The stack deploys GuardDuty or CloudTrail but does not enable Security Hub (no aws.securityhub.Account)." }];
  },
);
