import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** The web ACL runs AWS's known-bad-inputs managed rule group. */
export const awsWafv2WebAclKnownBadInputs = resourcePolicy(
  {
    name: "aws-wafv2-webacl-known-bad-inputs",
    description: "Each WAFv2 web ACL includes the AWSManagedRulesKnownBadInputsRuleSet managed rule group (which blocks Log4Shell-style payloads).",
    severity: "high",
    remediationSteps: "Add a rule whose statement is a managedRuleGroupStatement of vendor AWS and name AWSManagedRulesKnownBadInputsRuleSet.",
    frameworks: ["CKV_AWS_192"],
  },
  aws.wafv2.WebAcl,
  (acl) =>
    (acl.rules ?? []).some((r) => r.statement?.managedRuleGroupStatement?.name === "AWSManagedRulesKnownBadInputsRuleSet")
      ? undefined
      : "The web ACL has no AWSManagedRulesKnownBadInputsRuleSet rule.",
);
