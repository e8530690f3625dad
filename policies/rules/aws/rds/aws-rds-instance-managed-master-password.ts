import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** The master password lives in Secrets Manager, never in the program or state. */
export const awsRdsInstanceManagedMasterPassword = resourcePolicyOfTypes(
  {
    name: "aws-rds-instance-managed-master-password",
    description: "RDS instances and clusters let RDS manage the master password in Secrets Manager; no password is passed in the inputs.",
    severity: "high",
    remediationSteps: "Remove password/masterPassword and set manageMasterUserPassword to true (optionally with masterUserSecretKmsKeyId).",
    frameworks: ["FSBP RDS.35"],
    seed: true,
  },
  [aws.rds.Instance, aws.rds.Cluster],
  (props, args) => {
    if (props.replicateSourceDb || props.snapshotIdentifier) return undefined;
    const field = args.isType(aws.rds.Instance) ? "password" : "masterPassword";
    return [props[field] !== undefined && `${field} is set in the inputs.`, props.manageMasterUserPassword !== true && "manageMasterUserPassword is not true."];
  },
);
