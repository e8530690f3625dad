import { stackPolicy } from "../../../lib/resource";
import { internetFacingAlbGroups, portText, securityGroupRules } from "../../../lib/securityGroups";
import { label } from "../../../lib/stack";

const ANYWHERE = ["0.0.0.0/0", "::/0"];
const WEB_PORTS = [80, 443];

/** No ingress from anywhere, except HTTP/HTTPS to the internet-facing ALB. */
export const awsEc2SecurityGroupNoPublicIngress = stackPolicy(
  {
    name: "aws-ec2-securitygroup-no-public-ingress",
    description:
      "No security group admits traffic from 0.0.0.0/0 or ::/0, except the security group of an internet-facing application load balancer on ports 80 and 443.",
    severity: "critical",
    remediationSteps: "Admit traffic from specific CIDRs or security groups; only the internet-facing ALB's group may accept 0.0.0.0/0 on ports 80 and 443.",
    frameworks: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277", "NAG EC23", "CP aws-ec2-securitygroup-disallow-inbound-http-traffic", "CIS 5.2", "CIS 5.3", "FSBP EC2.13", "FSBP EC2.14", "FSBP EC2.18", "FSBP EC2.19"],
  },
  (stack, args) => {
    const rules = securityGroupRules(stack).filter((r) => r.direction === "ingress");
    if (rules.length === 0) args.notApplicable("The stack has no security-group ingress rules.");
    const albGroups = internetFacingAlbGroups(stack);
    return rules
      .filter((r) => r.cidrs.some((c) => ANYWHERE.includes(c)))
      .filter((r) => {
        const web = r.fromPort !== undefined && r.fromPort === r.toPort && WEB_PORTS.includes(r.fromPort) && (r.protocol === "tcp" || r.protocol === "6");
        return !(web && r.group !== undefined && albGroups.has(r.group));
      })
      .map((r) => ({
        urn: r.resource.urn,
        message: `${r.inline ? `${label(r.resource)} has an inline rule that` : `${label(r.resource)}`} admits ${portText(r)} from ${r.cidrs.filter((c) => ANYWHERE.includes(c)).join(" and ")}${r.group && albGroups.has(r.group) ? " (only ports 80 and 443 may be open on the internet-facing ALB)" : ""}.`,
      }));
  },
);
