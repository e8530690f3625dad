import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** The web ACL has rules, and it and every rule publish CloudWatch metrics. */
export const awsWafv2WebAclRulesAndMetrics = resourcePolicy(
  {
    name: "aws-wafv2-webacl-rules-and-metrics",
    description: "Each WAFv2 web ACL has at least one rule, and the ACL and each of its rules publish CloudWatch metrics.",
    severity: "medium",
    remediationSteps: "Add rules to the web ACL and set visibilityConfig.cloudwatchMetricsEnabled to true on the ACL and on every rule.",
    frameworks: ["CKV_AWS_175", "FSBP WAF.10", "FSBP WAF.12"],
  },
  aws.wafv2.WebAcl,
  (acl) => [
    (acl.rules ?? []).length === 0 && "The web ACL has no rules.",
    acl.visibilityConfig?.cloudwatchMetricsEnabled !== true && "The web ACL's visibilityConfig.cloudwatchMetricsEnabled is not true.",
    ...(acl.rules ?? []).map((r) => r.visibilityConfig?.cloudwatchMetricsEnabled !== true && `Rule '${r.name}' does not publish CloudWatch metrics.`),
  ],
);
