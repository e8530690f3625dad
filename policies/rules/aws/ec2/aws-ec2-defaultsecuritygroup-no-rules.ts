import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** The default security group is adopted and left with no rules. */
export const awsEc2DefaultSecurityGroupNoRules = resourcePolicy(
  {
    name: "aws-ec2-defaultsecuritygroup-no-rules",
    description: "The VPC's default security group has no ingress and no egress rules.",
    severity: "high",
    remediationSteps: "Manage the default security group with aws.ec2.DefaultSecurityGroup and set ingress and egress to empty lists.",
    frameworks: ["CKV2_AWS_12", "CIS 5.3", "CIS 5.4", "FSBP EC2.2"],
  },
  aws.ec2.DefaultSecurityGroup,
  (sg) => [
    (sg.ingress ?? []).length > 0 && `The default security group has ${sg.ingress!.length} ingress rule(s); it must have none.`,
    (sg.egress ?? []).length > 0 && `The default security group has ${sg.egress!.length} egress rule(s); it must have none.`,
  ],
);
