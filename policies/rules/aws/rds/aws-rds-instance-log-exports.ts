import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Database logs go to CloudWatch Logs. */
export const awsRdsInstanceLogExports = resourcePolicyOfTypes(
  {
    name: "aws-rds-instance-log-exports",
    description: "RDS instances and clusters export their database logs to CloudWatch Logs.",
    severity: "low",
    remediationSteps: "Set enabledCloudwatchLogsExports (e.g. [\"postgresql\", \"upgrade\"] or [\"error\", \"general\", \"slowquery\"]).",
    frameworks: ["CKV_AWS_129", "FSBP RDS.9"],
  },
  [aws.rds.Instance, aws.rds.Cluster],
  (props) => (((props.enabledCloudwatchLogsExports as string[] | undefined) ?? []).length === 0 ? "enabledCloudwatchLogsExports is empty." : undefined),
);
