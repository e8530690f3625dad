import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Databases say explicitly that they are not public. */
export const awsRdsInstanceNotPublic = resourcePolicyOfTypes(
  {
    name: "aws-rds-instance-not-public",
    description: "RDS instances and Aurora cluster instances set publiclyAccessible to false explicitly.",
    severity: "critical",
    remediationSteps: "Set publiclyAccessible to false and place the database in the data subnets.",
    frameworks: ["AG rds-instance-public-access-check", "CP aws-rds-instance-disallow-public-access", "CKV_AWS_17", "FSBP RDS.2"],
    seed: true,
  },
  [aws.rds.Instance, aws.rds.ClusterInstance],
  (props) => (props.publiclyAccessible !== false ? `publiclyAccessible is ${props.publiclyAccessible === true ? "true" : "not set"}; it must be explicitly false.` : undefined),
);
