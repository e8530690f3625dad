import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import * as ipaddr from "ipaddr.js";
import { stackPolicy } from "../../../lib/resource";
import { SgRule, securityGroupRules } from "../../../lib/securityGroups";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** True when a rule carries HTTPS (tcp 443, or all traffic). */
function carriesHttps(rule: SgRule): boolean {
  if (rule.protocol === "-1" || rule.protocol === "all") return true;
  return rule.protocol === "tcp" && (rule.fromPort ?? -1) <= 443 && 443 <= (rule.toPort ?? -1);
}

/** True when `outer` (a CIDR) contains the whole of `inner`. */
function contains(outer: string, inner: string): boolean {
  try {
    const [o, op] = ipaddr.parseCIDR(outer);
    const [i, ip] = ipaddr.parseCIDR(inner);
    return o.kind() === i.kind() && ip >= op && i.match(o, op);
  } catch {
    return false;
  }
}

/** The CIDR blocks of the subnets a resource's `prop` names. */
function subnetCidrs(stack: Parameters<Parameters<typeof stackPolicy>[1]>[0], r: PolicyResource, prop: string): string[] {
  return stack.refs(r, prop, aws.ec2.Subnet).flatMap((s) => {
    const c = known(() => s.props.cidrBlock);
    return typeof c === "string" ? [c] : [];
  });
}

/** Redshift with enhanced VPC routing reaches S3 where S3's names resolve inside the VPC. */
export const awsRedshiftWorkgroupS3Reachable = stackPolicy(
  {
    name: "aws-redshift-workgroup-s3-reachable",
    description:
      "A Redshift Serverless workgroup with enhanced VPC routing can reach S3 (COPY, UNLOAD, Spectrum): when an S3 interface endpoint has private DNS for the whole VPC, the workgroup's security groups send HTTPS to the endpoint's security group (or its subnets) and the endpoint admits HTTPS from them; otherwise they send HTTPS to the S3 gateway endpoint's prefix list.",
    severity: "high",
    remediationSteps:
      "Add an egress rule (tcp 443) from the workgroup's security group to the S3 interface endpoint's security group, and an ingress rule on the endpoint's group admitting it; with only a gateway endpoint, egress to the S3 prefix list.",
    frameworks: ["platform", "FSBP Redshift.7"],
  },
  (stack, args) => {
    const workgroups = stack.ofType(aws.redshiftserverless.Workgroup).filter((w) => known(() => w.props.enhancedVpcRouting) === true);
    if (workgroups.length === 0) args.notApplicable("The stack has no Redshift Serverless workgroup with enhanced VPC routing.");
    const s3 = stack.ofType(aws.ec2.VpcEndpoint).filter((e) => String(known(() => e.props.serviceName) ?? "").endsWith(".s3"));
    const interfaces = s3.filter(
      (e) =>
        known(() => e.props.vpcEndpointType) === "Interface" &&
        known(() => e.props.privateDnsEnabled) === true &&
        known(() => e.props.dnsOptions?.privateDnsOnlyForInboundResolverEndpoint) !== true,
    );
    const gateways = s3.filter((e) => (known(() => e.props.vpcEndpointType) ?? "Gateway") === "Gateway");
    const rules = securityGroupRules(stack).filter(carriesHttps);
    return workgroups.flatMap((wg) => {
      const groups = stack.refs(wg, "securityGroupIds", aws.ec2.SecurityGroup);
      const egress = rules.filter((r) => r.direction === "egress" && r.group && groups.includes(r.group));
      const names = groups.map((g) => `'${g.name}'`).join(", ") || "(none)";
      const problems: string[] = [];
      if (interfaces.length > 0) {
        for (const endpoint of interfaces) {
          const endpointGroups = stack.refs(endpoint, "securityGroupIds", aws.ec2.SecurityGroup);
          const endpointSubnets = subnetCidrs(stack, endpoint, "subnetIds");
          const out = egress.some(
            (r) => r.sourceGroups.some((g) => endpointGroups.includes(g)) || (endpointSubnets.length > 0 && endpointSubnets.every((c) => r.cidrs.some((o) => contains(o, c)))),
          );
          if (!out) {
            problems.push(`S3's names resolve to interface endpoint '${endpoint.name}' (private DNS for the VPC), but its security groups ${names} send no HTTPS to the endpoint's security group or subnets`);
            continue;
          }
          const wgSubnets = subnetCidrs(stack, wg, "subnetIds");
          const admitted = rules.some(
            (r) =>
              r.direction === "ingress" &&
              r.group !== undefined &&
              endpointGroups.includes(r.group) &&
              (r.sourceGroups.some((g) => groups.includes(g)) || (wgSubnets.length > 0 && wgSubnets.every((c) => r.cidrs.some((o) => contains(o, c))))),
          );
          if (!admitted) problems.push(`interface endpoint '${endpoint.name}' admits no HTTPS from its security groups ${names} or its subnets`);
        }
      } else if (gateways.length > 0) {
        const toPrefixList = egress.some((r) => {
          const pl = known(() => r.resource.props.prefixListId) ?? known(() => r.resource.props.prefixListIds);
          return (typeof pl === "string" && pl !== "") || (Array.isArray(pl) && pl.length > 0);
        });
        if (!toPrefixList) problems.push(`its security groups ${names} send no HTTPS to the S3 gateway endpoint's prefix list`);
      } else {
        problems.push("the stack has no S3 gateway or interface endpoint, so COPY and UNLOAD have no private path to S3");
      }
      return problems.map((p) => ({ urn: wg.urn, message: `${label(wg)} uses enhanced VPC routing, but ${p}.` }));
    });
  },
);
