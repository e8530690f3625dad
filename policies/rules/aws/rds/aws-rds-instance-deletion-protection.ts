import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Databases cannot be deleted by accident. */
export const awsRdsInstanceDeletionProtection = resourcePolicyOfTypes(
  {
    name: "aws-rds-instance-deletion-protection",
    description: "RDS instances and clusters have deletion protection on (required in prod, advisory in dev).",
    severity: "medium",
    remediationSteps: "Set deletionProtection to true.",
    frameworks: ["NAG RDS10", "CKV_AWS_293", "FSBP RDS.8"],
    availability: true,
  },
  [aws.rds.Instance, aws.rds.Cluster],
  (props) => (props.deletionProtection !== true ? "deletionProtection is not true." : undefined),
);
