import * as aws from "@pulumi/aws";
import { subnetTiers } from "../../../lib/network";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";

/** Nodes run in private subnets only, so they get no public IP. */
export const awsEksNodeGroupPrivateSubnets = stackPolicy(
  {
    name: "aws-eks-nodegroup-private-subnets",
    description: "EKS node groups place nodes in private subnets only, so no node gets a public IP address.",
    severity: "high",
    remediationSteps: "Set the node group's subnetIds to the private application subnets.",
    frameworks: ["AG ec2-instance-no-public-ip", "FSBP EC2.9"],
  },
  (stack, args) => {
    const groups = stack.ofType(aws.eks.NodeGroup);
    if (groups.length === 0) args.notApplicable("The stack has no EKS node group.");
    const tiers = subnetTiers(stack);
    return groups.flatMap((ng) =>
      stack
        .refs(ng, "subnetIds", aws.ec2.Subnet)
        .filter((s) => tiers.get(s) === "public")
        .map((s) => ({ urn: ng.urn, message: `${label(ng)} places nodes in public ${label(s)}.` })),
    );
  },
);
