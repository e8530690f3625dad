import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** Node volumes are encrypted: through a launch template, or EBS encryption by default. */
export const awsEksNodeGroupVolumesEncrypted = stackPolicy(
  {
    name: "aws-eks-nodegroup-volumes-encrypted",
    description: "EKS node groups encrypt their node volumes: either through a launch template (checked by aws-ec2-volume-encrypted) or, without one, because the stack turns on EBS encryption by default.",
    severity: "high",
    remediationSteps: "Give the node group a launch template with encrypted block device mappings, or add aws.ebs.EncryptionByDefault with enabled true.",
    frameworks: ["AG encrypted-volumes"],
    seed: true,
  },
  (stack, args) => {
    const groups = stack.ofType(aws.eks.NodeGroup);
    if (groups.length === 0) args.notApplicable("The stack has no EKS node group.");
    const byDefault = stack.ofType(aws.ebs.EncryptionByDefault).some((e) => known(() => e.props.enabled) !== false);
    return groups
      .filter((ng) => known(() => ng.props.launchTemplate) === undefined && !byDefault)
      .map((ng) => ({ urn: ng.urn, message: `${label(ng)} has no launch template and the stack does not enable EBS encryption by default.` }));
  },
);
