import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** Broker logs are delivered somewhere. */
export const awsMskClusterBrokerLogs = resourcePolicy(
  {
    name: "aws-msk-cluster-broker-logs",
    description: "MSK clusters deliver broker logs to CloudWatch Logs, Firehose or S3.",
    severity: "medium",
    remediationSteps: "Set loggingInfo.brokerLogs.cloudwatchLogs (or firehose, or s3) with enabled true.",
    frameworks: ["NAG MSK6", "CKV_AWS_80"],
  },
  aws.msk.Cluster,
  (c) => {
    const logs = c.loggingInfo?.brokerLogs;
    return logs?.cloudwatchLogs?.enabled === true || logs?.firehose?.enabled === true || logs?.s3?.enabled === true ? undefined : "No broker log destination is enabled.";
  },
);
