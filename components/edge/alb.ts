import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { GatewayPorts } from "./gatewayBinding";

/**
 * The HTTPS listener's security policy: TLS 1.3 and 1.2 with hybrid post-quantum key
 * exchange, the policy AWS recommends for new listeners (ELB user guide, "Security
 * policies"); clients without ML-KEM still negotiate classical TLS 1.2/1.3.
 */
export const ALB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";

/** The ports the world may use on the ALB: 443, and 80 only to be redirected. */
export const PUBLIC_PORTS = { https: 443, http: 80 } as const;

export interface AlbSecurityGroupArgs {
  /** The VPC. */
  readonly vpcId: pulumi.Input<string>;
  /** The AWS `Name` of the ALB's group, e.g. `platform-prod-edge-alb`. */
  readonly groupName: string;
  /** The security group the gateway pods carry (the nodes' EKS cluster security group). */
  readonly targetSecurityGroupId: pulumi.Input<string>;
  /** The gateway's HTTPS and health ports. */
  readonly targetPorts: GatewayPorts;
}

/**
 * The ALB's security group, with standalone rules only: the world in on 443 and 80
 * (the only public ingress of the platform), out only to the targets' group on the
 * gateway's HTTPS and health ports; and on the targets' group, those two ports in from
 * the ALB's group and nothing else from it.
 */
export function createAlbSecurityGroup(name: string, args: AlbSecurityGroupArgs, opts: pulumi.CustomResourceOptions): aws.ec2.SecurityGroup {
  const sg = new aws.ec2.SecurityGroup(
    `${name}-sg`,
    { vpcId: args.vpcId, description: "Internet-facing ALB: HTTPS and the HTTP redirect in from anywhere, out to the gateway pods only.", tags: { Name: args.groupName } },
    opts,
  );
  const world = (port: number, what: string) =>
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-in-${port}`,
      { securityGroupId: sg.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: port, toPort: port, description: what },
      opts,
    );
  world(PUBLIC_PORTS.https, "HTTPS from the internet");
  world(PUBLIC_PORTS.http, "HTTP from the internet, only redirected to HTTPS");
  const ports = [
    [args.targetPorts.https, "HTTPS (re-encrypted) to the Istio ingress gateway pods"],
    [args.targetPorts.health, "Health checks to the Istio gateway's status port"],
  ] as const;
  for (const [port, what] of ports) {
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-out-${port}`,
      { securityGroupId: sg.id, referencedSecurityGroupId: args.targetSecurityGroupId, ipProtocol: "tcp", fromPort: port, toPort: port, description: what },
      opts,
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-targets-in-${port}`,
      { securityGroupId: args.targetSecurityGroupId, referencedSecurityGroupId: sg.id, ipProtocol: "tcp", fromPort: port, toPort: port, description: `${what}, from the edge ALB` },
      opts,
    );
  }
  return sg;
}

/** The target group's health check: the gateway's readiness over HTTP on the status port, no token needed. */
export function healthCheck(ports: GatewayPorts, path: string): aws.types.input.lb.TargetGroupHealthCheck {
  return {
    enabled: true,
    protocol: "HTTP",
    port: String(ports.health),
    path,
    matcher: "200",
    interval: 15,
    timeout: 5,
    healthyThreshold: 2,
    unhealthyThreshold: 3,
  };
}

/**
 * The HTTPS listener's rules: one per API route prefix, forwarding `<host>` requests for
 * the prefix and everything under it (`/users`, `/users/*`) to the gateway, which routes
 * them on to the service. Anything else gets the listener's fixed 404.
 */
export function apiRouteConditions(host: string, prefixes: readonly string[]): { prefix: string; conditions: aws.types.input.lb.ListenerRuleCondition[] }[] {
  return [...new Set(prefixes)].sort().map((prefix) => ({
    prefix,
    conditions: [{ hostHeader: { values: [host] } }, { pathPattern: { values: [prefix, `${prefix}/*`] } }],
  }));
}
