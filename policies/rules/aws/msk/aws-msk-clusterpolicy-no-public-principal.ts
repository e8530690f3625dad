import * as aws from "@pulumi/aws";
import { noPublicPrincipalPolicy } from "../../../lib/resourcePolicies";

/** MSK cluster policies never let anyone connect to the cluster. */
export const awsMskClusterPolicyNoPublicPrincipal = noPublicPrincipalPolicy(
  {
    name: "aws-msk-clusterpolicy-no-public-principal",
    description: "No MSK cluster policy allows principal * without a condition that restricts the caller (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount...), so no one outside the named principals can create VPC connections or read brokers.",
    severity: "critical",
    remediationSteps: "Grant kafka:CreateVpcConnection and the describe actions to the service principal (e.g. firehose.amazonaws.com) or the named accounts that connect, never to * alone.",
    frameworks: ["platform"],
  },
  [{ type: aws.msk.ClusterPolicy, field: "policy", what: "cluster policy" }],
);
