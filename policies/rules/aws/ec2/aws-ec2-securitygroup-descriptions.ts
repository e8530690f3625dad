import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Security groups and every rule carry a description. */
export const awsEc2SecurityGroupDescriptions = resourcePolicyOfTypes(
  {
    name: "aws-ec2-securitygroup-descriptions",
    description: "Every security group and every security-group rule, inline or standalone, has a description.",
    severity: "low",
    remediationSteps: "Set description on the security group and on each of its ingress and egress rules.",
    frameworks: ["CKV_AWS_23", "NAG EC27", "CP aws-ec2-securitygroup-missing-description"],
  },
  [aws.ec2.SecurityGroup, aws.ec2.SecurityGroupRule, aws.vpc.SecurityGroupIngressRule, aws.vpc.SecurityGroupEgressRule],
  (props, args) => {
    const missing = (v: unknown) => typeof v !== "string" || v.trim() === "";
    if (!args.isType(aws.ec2.SecurityGroup)) return missing(props.description) ? "The rule has no description." : undefined;
    return [
      missing(props.description) && "The security group has no description.",
      ...(["ingress", "egress"] as const).flatMap((dir) =>
        ((props[dir] as { description?: string }[] | undefined) ?? []).map((r, i) => missing(r.description) && `Inline ${dir} rule ${i + 1} has no description.`),
      ),
    ];
  },
);
