import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { internetFacingAlbs } from "../../../lib/securityGroups";
import { label } from "../../../lib/stack";

/** Every internet-facing ALB sits behind a WAFv2 web ACL. */
export const awsWafv2WebAclAssociationInternetFacingAlb = stackPolicy(
  {
    name: "aws-wafv2-webaclassociation-internet-facing-alb",
    description: "Every internet-facing application load balancer is associated with a WAFv2 web ACL.",
    severity: "high",
    remediationSteps: "Add an aws.wafv2.WebAclAssociation with resourceArn set to the load balancer's ARN and webAclArn to the platform's web ACL.",
    frameworks: ["CKV2_AWS_28", "FSBP ELB.16", "NAG PCI.DSS.321-ALBWAFEnabled"],
    seed: true,
  },
  (stack, args) => {
    const albs = internetFacingAlbs(stack);
    if (albs.length === 0) args.notApplicable("The stack has no internet-facing application load balancer.");
    return albs
      .filter((lb) => stack.referrers(lb, "resourceArn", aws.wafv2.WebAclAssociation).length === 0)
      .map((lb) => ({ urn: lb.urn, message: `${label(lb)} is internet-facing and has no WAFv2 web ACL association.` }));
  },
);
