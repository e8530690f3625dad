import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Instances and launch templates never ask for a public IP. */
export const awsEc2InstanceNoPublicIp = resourcePolicyOfTypes(
  {
    name: "aws-ec2-instance-no-public-ip",
    description: "EC2 instances and launch templates (including those of EKS node groups) do not associate a public IP address.",
    severity: "high",
    remediationSteps: "Set associatePublicIpAddress to false (or leave it unset in private subnets) on instances and on every launch-template network interface.",
    frameworks: ["AG ec2-instance-no-public-ip", "FSBP EC2.9", "CP aws-ec2-instance-disallow-public-ip", "CP aws-ec2-launchtemplate-disallow-public-ip"],
  },
  [aws.ec2.Instance, aws.ec2.LaunchTemplate],
  (props, args) => {
    if (args.isType(aws.ec2.Instance)) return props.associatePublicIpAddress === true ? "associatePublicIpAddress is true." : undefined;
    return ((props.networkInterfaces as { associatePublicIpAddress?: string | boolean }[] | undefined) ?? []).map(
      (ni, i) => String(ni.associatePublicIpAddress) === "true" && `networkInterfaces[${i}].associatePublicIpAddress is true.`,
    );
  },
);
