import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Deleting a database leaves a final snapshot. */
export const awsRdsInstanceFinalSnapshot = resourcePolicyOfTypes(
  {
    name: "aws-rds-instance-final-snapshot",
    description: "RDS instances and clusters take a final snapshot when deleted (required in prod, advisory in dev).",
    severity: "medium",
    remediationSteps: "Set skipFinalSnapshot to false and finalSnapshotIdentifier to a name.",
    frameworks: ["platform"],
    availability: true,
  },
  [aws.rds.Instance, aws.rds.Cluster],
  (props) => [props.skipFinalSnapshot === true && "skipFinalSnapshot is true.", props.skipFinalSnapshot !== true && !props.finalSnapshotIdentifier && "finalSnapshotIdentifier is not set."],
);
