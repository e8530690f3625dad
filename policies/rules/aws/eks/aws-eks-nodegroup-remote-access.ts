import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** SSH to nodes, if enabled at all, is limited to named security groups. */
export const awsEksNodeGroupRemoteAccess = resourcePolicy(
  {
    name: "aws-eks-nodegroup-remote-access",
    description: "EKS node groups allow no SSH access, or limit it to named source security groups.",
    severity: "high",
    remediationSteps: "Remove remoteAccess (use SSM Session Manager), or set remoteAccess.sourceSecurityGroupIds.",
    frameworks: ["CKV_AWS_100"],
  },
  aws.eks.NodeGroup,
  (ng) => (ng.remoteAccess?.ec2SshKey && (ng.remoteAccess.sourceSecurityGroupIds ?? []).length === 0 ? "remoteAccess allows SSH from anywhere (no sourceSecurityGroupIds)." : undefined),
);
