import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Automated backups are kept. */
export const awsRdsInstanceBackupRetention = resourcePolicyOfTypes(
  {
    name: "aws-rds-instance-backup-retention",
    description: "RDS instances and clusters keep automated backups (backupRetentionPeriod set and greater than 0).",
    severity: "medium",
    remediationSteps: "Set backupRetentionPeriod to the number of days to keep backups (at least 1; 7 or more in prod).",
    frameworks: ["AG rds-instance-backup-enabled", "CP aws-rds-instance-enable-backup-retention", "CKV_AWS_133"],
  },
  [aws.rds.Instance, aws.rds.Cluster],
  (props) => (props.replicateSourceDb ? undefined : !(Number(props.backupRetentionPeriod) > 0) ? `backupRetentionPeriod is ${props.backupRetentionPeriod ?? "not set"}; it must be greater than 0.` : undefined),
);
