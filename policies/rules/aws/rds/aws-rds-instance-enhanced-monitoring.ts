import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Enhanced monitoring is on. */
export const awsRdsInstanceEnhancedMonitoring = resourcePolicyOfTypes(
  {
    name: "aws-rds-instance-enhanced-monitoring",
    description: "RDS instances and Aurora cluster instances have enhanced monitoring on, with a monitoring role.",
    severity: "low",
    remediationSteps: "Set monitoringInterval to 1, 5, 10, 15, 30 or 60 and monitoringRoleArn to a role with AmazonRDSEnhancedMonitoringRole.",
    frameworks: ["CKV_AWS_118", "FSBP RDS.6"],
  },
  [aws.rds.Instance, aws.rds.ClusterInstance],
  (props) => [!(Number(props.monitoringInterval) > 0) && "monitoringInterval is not set.", Number(props.monitoringInterval) > 0 && !props.monitoringRoleArn && "monitoringRoleArn is not set."],
);
