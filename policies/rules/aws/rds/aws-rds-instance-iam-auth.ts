import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Database users authenticate with IAM. */
export const awsRdsInstanceIamAuth = resourcePolicyOfTypes(
  {
    name: "aws-rds-instance-iam-auth",
    description: "RDS instances and clusters have IAM database authentication on, so services connect with short-lived IAM tokens.",
    severity: "medium",
    remediationSteps: "Set iamDatabaseAuthenticationEnabled to true.",
    frameworks: ["CKV_AWS_161", "FSBP RDS.10"],
    seed: true,
  },
  [aws.rds.Instance, aws.rds.Cluster],
  (props) => (props.iamDatabaseAuthenticationEnabled !== true ? "iamDatabaseAuthenticationEnabled is not true." : undefined),
);
