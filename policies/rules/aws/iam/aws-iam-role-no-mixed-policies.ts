import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** A role's permissions come either from inline policies or from attachments, not both. */
export const awsIamRoleNoMixedPolicies = stackPolicy(
  {
    name: "aws-iam-role-no-mixed-policies",
    description: "No IAM role has both inline policies and managed-policy attachments, so its permissions are reviewed in one place.",
    severity: "low",
    remediationSteps: "Keep a role's permissions either in aws.iam.RolePolicy/inlinePolicies or in aws.iam.RolePolicyAttachment/managedPolicyArns.",
    frameworks: ["AG iam-role-no-mixed-policies"],
  },
  (stack, args) => {
    const roles = stack.ofType(aws.iam.Role);
    if (roles.length === 0) args.notApplicable("The stack has no IAM role.");
    return roles.flatMap((role) => {
      const inline = stack.referrers(role, "role", aws.iam.RolePolicy).length + ((known(() => role.props.inlinePolicies) as unknown[] | undefined) ?? []).length;
      const attached =
        stack.referrers(role, "role", aws.iam.RolePolicyAttachment).length + ((known(() => role.props.managedPolicyArns) as unknown[] | undefined) ?? []).length;
      return inline > 0 && attached > 0 ? [{ urn: role.urn, message: `${label(role)} has ${inline} inline policy(ies) and ${attached} managed-policy attachment(s).` }] : [];
    });
  },
);
