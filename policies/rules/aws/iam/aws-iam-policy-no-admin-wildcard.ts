import * as aws from "@pulumi/aws";
import { adminAllows, statementName, statementsOf } from "../../../lib/iam";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** No IAM policy grants every action on every resource. */
export const awsIamPolicyNoAdminWildcard = resourcePolicyOfTypes(
  {
    name: "aws-iam-policy-no-admin-wildcard",
    description: "No IAM policy (managed, inline on a role, user or group, or in a role's inlinePolicies) allows action * on resource *.",
    severity: "critical",
    remediationSteps: "List the actions and resources the principal needs; keep administrator access out of the program.",
    frameworks: ["NAG IAM5", "AG iam-policy-no-statements-with-admin-access"],
  },
  [aws.iam.Policy, aws.iam.RolePolicy, aws.iam.UserPolicy, aws.iam.GroupPolicy, aws.iam.Role],
  (props, args) => {
    const docs: [string, unknown][] = args.isType(aws.iam.Role)
      ? ((props.inlinePolicies as { name?: string; policy?: string }[] | undefined) ?? []).map((p) => [`inline policy '${p.name ?? "?"}'`, p.policy])
      : [["The policy", props.policy]];
    return docs.flatMap(([where, doc]) => {
      const statements = statementsOf(doc) ?? [];
      return adminAllows(statements).map((s) => `${where}: ${statementName(statements, s)} allows action * on resource *.`);
    });
  },
);
