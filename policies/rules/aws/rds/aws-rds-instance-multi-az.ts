import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** Databases run in more than one AZ. */
export const awsRdsInstanceMultiAz = resourcePolicy(
  {
    name: "aws-rds-instance-multi-az",
    description: "RDS instances are Multi-AZ (required in prod, advisory in dev).",
    severity: "medium",
    remediationSteps: "Set multiAz to true.",
    frameworks: ["NAG RDS3", "CKV_AWS_157", "FSBP RDS.5", "CP aws-rds-cluster-disallow-single-availability-zone"],
    availability: true,
  },
  aws.rds.Instance,
  (db) => (db.replicateSourceDb ? undefined : db.multiAz !== true ? "multiAz is not true." : undefined),
);
