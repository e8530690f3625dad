import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../../lib/resource";
import { tokenOf } from "../../../lib/tokens";
import { StackIndex, label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** The parameters that force TLS, per engine family. */
const FORCE_TLS: Record<string, string> = { "rds.force_ssl": "1", require_secure_transport: "ON" };

function forcesTls(group: PolicyResource): boolean {
  const params = (known(() => group.props.parameters) as { name?: string; value?: string }[] | undefined) ?? [];
  return params.some((p) => p.name !== undefined && p.name in FORCE_TLS && ["1", "on", "true"].includes(String(p.value).toLowerCase()));
}

function groupsOf(stack: StackIndex, db: PolicyResource): PolicyResource[] {
  return db.type === tokenOf(aws.rds.Cluster)
    ? stack.refs(db, "dbClusterParameterGroupName", aws.rds.ClusterParameterGroup)
    : stack.refs(db, "parameterGroupName", aws.rds.ParameterGroup);
}

/** The database refuses clients that do not use TLS. */
export const awsRdsParameterGroupForceTls = stackPolicy(
  {
    name: "aws-rds-parametergroup-force-tls",
    description: "Every RDS instance and Aurora cluster uses a parameter group of the stack that forces TLS (rds.force_ssl=1 for PostgreSQL, require_secure_transport=ON for MySQL).",
    severity: "high",
    remediationSteps: "Create an aws.rds.ParameterGroup (or ClusterParameterGroup) with rds.force_ssl=1 or require_secure_transport=ON and pass its name to the database.",
    frameworks: ["CKV2_AWS_69", "FSBP RDS.38", "FSBP RDS.39", "CP aws-rds-instance-disallow-unencrypted-in-transit"],
    seed: true,
  },
  (stack, args) => {
    const dbs = stack.ofType(aws.rds.Instance, aws.rds.Cluster).filter((db) => !known(() => db.props.replicateSourceDb));
    if (dbs.length === 0) args.notApplicable("The stack has no database.");
    return dbs.flatMap((db) => {
      const groups = groupsOf(stack, db);
      if (groups.length === 0) return [{ urn: db.urn, message: `${label(db)} does not use a parameter group of the stack, so TLS is not forced.` }];
      return groups.some(forcesTls) ? [] : [{ urn: db.urn, message: `${label(db)} uses ${groups.map(label).join(", ")}, which does not force TLS.` }];
    });
  },
);
