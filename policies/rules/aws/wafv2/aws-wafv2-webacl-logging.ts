import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";

/** Every web ACL has a logging configuration. */
export const awsWafv2WebAclLogging = stackPolicy(
  {
    name: "aws-wafv2-webacl-logging",
    description: "Every WAFv2 web ACL has a logging configuration.",
    severity: "medium",
    remediationSteps: "Add an aws.wafv2.WebAclLoggingConfiguration with resourceArn set to the web ACL's ARN and an encrypted log destination.",
    frameworks: ["CKV2_AWS_31", "FSBP WAF.11"],
  },
  (stack, args) => {
    const acls = stack.ofType(aws.wafv2.WebAcl);
    if (acls.length === 0) args.notApplicable("The stack has no WAFv2 web ACL.");
    return acls
      .filter((acl) => stack.referrers(acl, "resourceArn", aws.wafv2.WebAclLoggingConfiguration).length === 0)
      .map((acl) => ({ urn: acl.urn, message: `${label(acl)} has no logging configuration.` }));
  },
);
