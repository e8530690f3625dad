import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { StackIndex } from "./stack";
import { known } from "./unknown";

/** One ingress or egress rule, from a group's inline rules or a standalone rule resource. */
export interface SgRule {
  /** The resource that declares the rule. */
  readonly resource: PolicyResource;
  /** The group the rule belongs to, when the stack has it. */
  readonly group: PolicyResource | undefined;
  readonly direction: "ingress" | "egress";
  readonly inline: boolean;
  readonly fromPort: number | undefined;
  readonly toPort: number | undefined;
  readonly protocol: string | undefined;
  readonly cidrs: string[];
  /** Security groups the rule admits (by reference or ID). */
  readonly sourceGroups: PolicyResource[];
  readonly description: string | undefined;
}

/** Every security-group rule of the stack, inline and standalone. */
export function securityGroupRules(stack: StackIndex): SgRule[] {
  const rules: SgRule[] = [];
  for (const group of stack.ofType(aws.ec2.SecurityGroup)) {
    for (const direction of ["ingress", "egress"] as const) {
      const list = (known(() => group.props[direction]) as Record<string, any>[] | undefined) ?? [];
      for (const r of list) {
        rules.push({
          resource: group,
          group,
          direction,
          inline: true,
          fromPort: num(known(() => r.fromPort)),
          toPort: num(known(() => r.toPort)),
          protocol: str(known(() => r.protocol)),
          cidrs: [...arr(known(() => r.cidrBlocks)), ...arr(known(() => r.ipv6CidrBlocks))],
          sourceGroups: stack.refs(group, direction, aws.ec2.SecurityGroup).filter((g) => g !== group),
          description: str(known(() => r.description)),
        });
      }
    }
  }
  for (const rule of stack.ofType(aws.ec2.SecurityGroupRule)) {
    const p = rule.props;
    rules.push({
      resource: rule,
      group: stack.refs(rule, "securityGroupId", aws.ec2.SecurityGroup)[0],
      direction: known(() => p.type) === "egress" ? "egress" : "ingress",
      inline: false,
      fromPort: num(known(() => p.fromPort)),
      toPort: num(known(() => p.toPort)),
      protocol: str(known(() => p.protocol)),
      cidrs: [...arr(known(() => p.cidrBlocks)), ...arr(known(() => p.ipv6CidrBlocks))],
      sourceGroups: stack.refs(rule, "sourceSecurityGroupId", aws.ec2.SecurityGroup),
      description: str(known(() => p.description)),
    });
  }
  for (const [type, direction] of [
    [aws.vpc.SecurityGroupIngressRule, "ingress"],
    [aws.vpc.SecurityGroupEgressRule, "egress"],
  ] as const) {
    for (const rule of stack.ofType(type)) {
      const p = rule.props;
      rules.push({
        resource: rule,
        group: stack.refs(rule, "securityGroupId", aws.ec2.SecurityGroup)[0],
        direction,
        inline: false,
        fromPort: num(known(() => p.fromPort)),
        toPort: num(known(() => p.toPort)),
        protocol: str(known(() => p.ipProtocol)),
        cidrs: [...arr(known(() => p.cidrIpv4)), ...arr(known(() => p.cidrIpv6))],
        sourceGroups: stack.refs(rule, "referencedSecurityGroupId", aws.ec2.SecurityGroup),
        description: str(known(() => p.description)),
      });
    }
  }
  return rules;
}

/** `tcp 443`, `tcp 80-443` or `all traffic`, for messages. */
export function portText(rule: Pick<SgRule, "fromPort" | "toPort" | "protocol">): string {
  if (rule.protocol === "-1" || rule.protocol === "all") return "all traffic";
  const ports = rule.fromPort === rule.toPort ? `${rule.fromPort}` : `${rule.fromPort}-${rule.toPort}`;
  return `${rule.protocol ?? "?"} ${ports}`;
}

/** The security groups of internet-facing application load balancers. */
export function internetFacingAlbGroups(stack: StackIndex): Set<PolicyResource> {
  const groups = new Set<PolicyResource>();
  for (const lb of internetFacingAlbs(stack)) for (const g of stack.refs(lb, "securityGroups", aws.ec2.SecurityGroup)) groups.add(g);
  return groups;
}

/** Application load balancers that are not internal (`internal` unset means internet-facing). */
export function internetFacingAlbs(stack: StackIndex): PolicyResource[] {
  return stack
    .ofType(aws.lb.LoadBalancer, aws.alb.LoadBalancer)
    .filter((lb) => known(() => lb.props.internal) !== true && (known(() => lb.props.loadBalancerType) ?? "application") === "application");
}

function num(v: unknown): number | undefined {
  return typeof v === "number" ? v : typeof v === "string" && v !== "" && !Number.isNaN(Number(v)) ? Number(v) : undefined;
}
function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}
function arr(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];
}
