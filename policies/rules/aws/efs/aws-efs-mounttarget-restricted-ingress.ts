import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { portText, securityGroupRules } from "../../../lib/securityGroups";
import { label } from "../../../lib/stack";

/** Mount targets admit NFS only from the security groups of services granted access. */
export const awsEfsMountTargetRestrictedIngress = stackPolicy(
  {
    name: "aws-efs-mounttarget-restricted-ingress",
    description: "The security groups of EFS mount targets admit traffic only from other security groups (the services granted access), never from CIDR ranges, and only on NFS port 2049.",
    severity: "high",
    remediationSteps: "Give mount targets a security group whose only ingress is TCP 2049 from the security groups of the services allowed to mount the file system.",
    frameworks: ["platform"],
  },
  (stack, args) => {
    const targets = stack.ofType(aws.efs.MountTarget);
    if (targets.length === 0) args.notApplicable("The stack has no EFS mount target.");
    const groups = new Set(targets.flatMap((t) => stack.refs(t, "securityGroups", aws.ec2.SecurityGroup)));
    return securityGroupRules(stack)
      .filter((r) => r.direction === "ingress" && r.group !== undefined && groups.has(r.group))
      .flatMap((r) => {
        const where = `${label(r.resource)} (mount-target group ${r.group!.name})`;
        if (r.cidrs.length > 0) return [{ urn: r.resource.urn, message: `${where} admits ${portText(r)} from CIDR ${r.cidrs.join(", ")}; admit only the granted services' security groups.` }];
        if (r.fromPort !== 2049 || r.toPort !== 2049) return [{ urn: r.resource.urn, message: `${where} admits ${portText(r)}; only NFS (tcp 2049) is allowed.` }];
        return [];
      });
  },
);
