import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { known } from "../../../lib/unknown";

/** The standards Security Hub must be subscribed to, by a fragment of their ARN. */
const STANDARDS: Record<string, string> = {
  "CIS AWS Foundations Benchmark": "cis-aws-foundations-benchmark",
  "PCI DSS": "pci-dss",
  "AWS Foundational Security Best Practices": "aws-foundational-security-best-practices",
};

/** Security Hub is subscribed to CIS, PCI DSS and FSBP. */
export const awsSecurityhubAccountStandards = stackPolicy(
  {
    name: "aws-securityhub-account-standards",
    description: "When Security Hub is enabled, it is subscribed to the CIS AWS Foundations Benchmark, PCI DSS and AWS Foundational Security Best Practices standards.",
    severity: "medium",
    remediationSteps: "Add an aws.securityhub.StandardsSubscription for each of the three standards' ARNs.",
    frameworks: ["platform"],
  },
  (stack, args) => {
    const accounts = stack.ofType(aws.securityhub.Account);
    if (accounts.length === 0) args.notApplicable("The stack does not enable Security Hub.");
    const arns = stack.ofType(aws.securityhub.StandardsSubscription).map((s) => String(known(() => s.props.standardsArn) ?? ""));
    const missing = Object.entries(STANDARDS).filter(([, fragment]) => !arns.some((a) => a.includes(fragment))).map(([name]) => name);
    return missing.length > 0 ? [{ urn: accounts[0].urn, message: `Security Hub is not subscribed to ${missing.join(", ")}.` }] : [];
  },
);
