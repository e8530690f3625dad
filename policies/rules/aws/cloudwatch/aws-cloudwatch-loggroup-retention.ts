import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

interface Config {
  /** The shortest retention allowed, in days (CIS and Checkov ask for a year). */
  readonly minimumDays: number;
}

/** Log groups keep logs for a set time, at least the stack's minimum. */
export const awsCloudwatchLogGroupRetention = resourcePolicy(
  {
    name: "aws-cloudwatch-loggroup-retention",
    description: "CloudWatch log groups set a retention period of at least the stack's minimum (365 days unless the stack's pack config lowers it).",
    severity: "low",
    remediationSteps: "Set retentionInDays on the log group to at least the minimum for the stack.",
    frameworks: ["CKV_AWS_66", "CKV_AWS_338"],
    configSchema: { properties: { minimumDays: { type: "integer", minimum: 1, default: 365 } } },
  },
  aws.cloudwatch.LogGroup,
  (g, args) => {
    const { minimumDays } = args.getConfig<Config>();
    if (g.retentionInDays === undefined || g.retentionInDays === 0) return "retentionInDays is not set, so logs are kept forever.";
    return g.retentionInDays < minimumDays ? `retentionInDays is ${g.retentionInDays}; the minimum is ${minimumDays}.` : undefined;
  },
);
