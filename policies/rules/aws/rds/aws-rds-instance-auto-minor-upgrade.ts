import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Minor engine upgrades are applied automatically. */
export const awsRdsInstanceAutoMinorUpgrade = resourcePolicyOfTypes(
  {
    name: "aws-rds-instance-auto-minor-upgrade",
    description: "RDS instances and Aurora cluster instances apply minor engine upgrades automatically.",
    severity: "low",
    remediationSteps: "Leave autoMinorVersionUpgrade at its default (true).",
    frameworks: ["CKV_AWS_226", "FSBP RDS.13"],
  },
  [aws.rds.Instance, aws.rds.ClusterInstance],
  (props) => (props.autoMinorVersionUpgrade === false ? "autoMinorVersionUpgrade is false." : undefined),
);
