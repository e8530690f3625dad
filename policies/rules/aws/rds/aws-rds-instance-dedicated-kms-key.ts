import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";

/** Each database has its own KMS key, shared with no other database. */
export const awsRdsInstanceDedicatedKmsKey = stackPolicy(
  {
    name: "aws-rds-instance-dedicated-kms-key",
    description: "Each database is encrypted with its own service's KMS key, which no other database uses, so one service's key grants cannot decrypt another's data.",
    severity: "medium",
    remediationSteps: "Create one customer-managed key per service and pass it as that service's database kmsKeyId.",
    frameworks: ["platform"],
    seed: true,
  },
  (stack, args) => {
    const dbs = stack.ofType(aws.rds.Instance, aws.rds.Cluster);
    if (dbs.length === 0) args.notApplicable("The stack has no database.");
    const users = new Map<string, string[]>();
    for (const db of dbs) for (const key of stack.refs(db, "kmsKeyId", aws.kms.Key)) users.set(key.urn, [...(users.get(key.urn) ?? []), db.name]);
    return dbs.flatMap((db) =>
      stack
        .refs(db, "kmsKeyId", aws.kms.Key)
        .filter((key) => (users.get(key.urn) ?? []).length > 1)
        .map((key) => ({ urn: db.urn, message: `${label(db)} shares ${label(key)} with ${users.get(key.urn)!.filter((n) => n !== db.name).join(", ")}.` })),
    );
  },
);
