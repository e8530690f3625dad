import { list, statementName } from "../../../lib/iam";
import { stackPolicy } from "../../../lib/resource";
import { allowsAction, globRegExp, grantsOf, irsaRoles } from "../../../lib/roles";
import { label } from "../../../lib/stack";

/**
 * RDS names every master-user secret it manages `rds!db-<id>` (instances) or
 * `rds!cluster-<id>` (clusters); a resource pattern that matches this name can read one.
 */
const RDS_MANAGED_SECRET = "rds!db-00000000-0000-0000-0000-000000000000-AbCdEf";

/** True when a Secrets Manager resource ARN (or pattern) can name an RDS-managed master secret. */
function coversRdsManagedSecret(resource: string): boolean {
  if (resource === "*") return true;
  const m = /^arn:[^:]*:secretsmanager:[^:]*:[^:]*:secret:(.*)$/.exec(resource);
  if (!m) return false;
  return m[1].startsWith("rds!") || globRegExp(m[1]).test(RDS_MANAGED_SECRET);
}

/** A workload's IRSA role never reads an RDS-managed master secret: services connect with IAM authentication. */
export const awsIamRoleIrsaNoRdsMasterSecret = stackPolicy(
  {
    name: "aws-iam-role-irsa-no-rds-master-secret",
    description:
      "No IRSA role (a role a Kubernetes service account assumes) is granted secretsmanager:GetSecretValue on an RDS-managed master-user secret (named rds!...), nor on a pattern that covers one: services sign in with IAM database authentication, and the master secret stays with operators and migrations.",
    severity: "high",
    remediationSteps: "Remove the RDS master secret from the role's policies; grant rds-db:connect on arn:aws:rds-db:<region>:<account>:dbuser:<DbiResourceId>/<service>_app instead.",
    frameworks: ["platform", "FSBP RDS.10", "CKV_AWS_161"],
    seed: true,
  },
  (stack, args) => {
    const roles = irsaRoles(stack);
    if (roles.length === 0) args.notApplicable("The stack has no IRSA role.");
    return roles.flatMap(({ role, subjects }) => {
      const grants = grantsOf(stack, role);
      return grants
        .filter((g) => allowsAction(g.statement, "secretsmanager:GetSecretValue"))
        .flatMap((g) => {
          const covered = list(g.statement.Resource).filter(coversRdsManagedSecret);
          if (covered.length === 0) return [];
          const statements = grants.filter((o) => o.source === g.source).map((o) => o.statement);
          const who = subjects.map((s) => `${s.namespace}/${s.serviceAccount}`).join(", ");
          return [
            {
              urn: role.urn,
              message: `${label(role)} (IRSA for ${who}) may read an RDS-managed master secret: ${statementName(statements, g.statement)} of ${label(g.source)} grants secretsmanager:GetSecretValue on ${covered.join(", ")}.`,
            },
          ];
        });
    });
  },
);
