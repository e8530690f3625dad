import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** The web ACL rate-limits clients. */
export const awsWafv2WebAclRateLimit = resourcePolicy(
  {
    name: "aws-wafv2-webacl-rate-limit",
    description: "Each WAFv2 web ACL has a rate-based rule that blocks clients sending too many requests.",
    severity: "high",
    remediationSteps: "Add a rule with a rateBasedStatement (limit and aggregateKeyType IP) and a block action.",
    frameworks: ["platform"],
    seed: true,
  },
  aws.wafv2.WebAcl,
  (acl) => {
    const rate = (acl.rules ?? []).filter((r) => r.statement?.rateBasedStatement !== undefined);
    if (rate.length === 0) return "The web ACL has no rate-based rule.";
    return rate.every((r) => r.action?.count !== undefined) ? "The web ACL's rate-based rules only count requests; one must block." : undefined;
  },
);
