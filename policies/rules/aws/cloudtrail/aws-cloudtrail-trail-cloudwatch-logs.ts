import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** Trails also deliver to CloudWatch Logs for alerting. */
export const awsCloudtrailTrailCloudwatchLogs = resourcePolicy(
  {
    name: "aws-cloudtrail-trail-cloudwatch-logs",
    description: "CloudTrail trails deliver events to a CloudWatch log group, so metric filters and alarms can watch them.",
    severity: "medium",
    remediationSteps: "Set cloudWatchLogsGroupArn (with the :* suffix) and cloudWatchLogsRoleArn on the trail.",
    frameworks: ["CKV2_AWS_10", "CIS 3.4"],
  },
  aws.cloudtrail.Trail,
  (t) => [!t.cloudWatchLogsGroupArn && "cloudWatchLogsGroupArn is not set.", !t.cloudWatchLogsRoleArn && "cloudWatchLogsRoleArn is not set."],
);
