import { stackPolicy } from "../../../lib/resource";
import { securityGroupRules } from "../../../lib/securityGroups";
import { label } from "../../../lib/stack";

/** A group's rules are either all inline or all standalone, never both. */
export const awsEc2SecurityGroupNoMixedRules = stackPolicy(
  {
    name: "aws-ec2-securitygroup-no-mixed-rules",
    description: "No security group has inline rules and standalone rule resources at the same time, since the two overwrite each other.",
    severity: "medium",
    remediationSteps: "Declare the group's rules either all inline (ingress/egress) or all as aws.vpc.SecurityGroupIngressRule/EgressRule resources.",
    frameworks: ["AG security-group-rules-mixed"],
  },
  (stack, args) => {
    const rules = securityGroupRules(stack);
    if (rules.length === 0) args.notApplicable("The stack has no security-group rules.");
    const groups = new Set(rules.filter((r) => r.inline).map((r) => r.group!));
    return [...groups].flatMap((group) => {
      const standalone = rules.filter((r) => !r.inline && r.group === group);
      return standalone.length > 0
        ? [{ urn: group.urn, message: `${label(group)} has inline rules and ${standalone.length} standalone rule resource(s): ${standalone.map((r) => r.resource.name).join(", ")}.` }]
        : [];
    });
  },
);
