import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
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
function healthCheck(ports: GatewayPorts, path: string): aws.types.input.lb.TargetGroupHealthCheck {
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

/** One API route: the service it belongs to and its path prefix. */
export interface ApiRoute {
  readonly service: string;
  readonly prefix: string;
  readonly conditions: aws.types.input.lb.ListenerRuleCondition[];
}

/**
 * The HTTPS listener's rules: one per service, forwarding `<host>` requests for its API
 * prefix and everything under it (`/users`, `/users/*`) to the service's target group
 * (the gateway, which routes them on to the service), sorted by prefix. Anything else
 * gets the listener's fixed 404.
 */
export function apiRouteConditions(host: string, prefixes: Readonly<Record<string, string>>): ApiRoute[] {
  return Object.entries(prefixes)
    .map(([service, prefix]) => ({ service, prefix, conditions: [{ hostHeader: { values: [host] } }, { pathPattern: { values: [prefix, `${prefix}/*`] } }] }))
    .sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
}

/** The longest name AWS gives a target group. */
export const TARGET_GROUP_NAME_MAX = 32;
/** Characters of the random suffix of a target group's name. */
const TARGET_GROUP_SUFFIX = 8;

/**
 * A service's target group's AWS name: the service's name, cut to fit, a hyphen and the
 * random suffix, within 32 characters and never ending in a hyphen (a 32-character
 * service name keeps its first 23). The suffix keeps names unique per account and Region
 * across stacks, and a cut name unique.
 */
export function targetGroupName(service: string, suffix: string): string {
  return `${service.slice(0, TARGET_GROUP_NAME_MAX - TARGET_GROUP_SUFFIX - 1).replace(/-+$/, "")}-${suffix}`;
}

/** The `Name` tag of a service's gateway target group: what the controller's policy matches. */
export const gatewayTargetGroupTag = (awsName: string, service: string) => `${awsName}-gateway-${service}`;

export interface GatewayTargetGroupArgs {
  /** The VPC. */
  readonly vpcId: pulumi.Input<string>;
  /** The service whose API route forwards here. */
  readonly service: string;
  /** The edge's AWS name prefix, e.g. `platform-prod-edge`. */
  readonly awsName: string;
  /** The gateway's HTTPS and health ports. */
  readonly ports: GatewayPorts;
  /** The readiness path on the status port. */
  readonly healthPath: string;
}

/**
 * One service's target group: HTTPS to the Istio gateway's pods (type ip) on its HTTPS
 * port, health-checked on the status port, so the ALB's `RequestCount`,
 * `HTTPCode_Target_5XX_Count` and `TargetResponseTime` exist per service. The name
 * carries a random suffix that the settings forcing a new target group (VPC, port,
 * protocol, target type) renew, so a replacement is created before the old one is
 * deleted without a name clash.
 */
export function createGatewayTargetGroup(name: string, args: GatewayTargetGroupArgs, opts: pulumi.CustomResourceOptions): aws.lb.TargetGroup {
  const settings = { vpcId: args.vpcId, targetType: "ip", protocol: "HTTPS", port: args.ports.https } as const;
  const suffix = new random.RandomString(
    `${name}-suffix`,
    {
      length: TARGET_GROUP_SUFFIX,
      special: false,
      upper: false,
      keepers: { vpcId: settings.vpcId, targetType: settings.targetType, protocol: settings.protocol, port: String(settings.port) },
    },
    opts,
  );
  return new aws.lb.TargetGroup(
    name,
    {
      ...settings,
      name: suffix.result.apply((s) => targetGroupName(args.service, s)),
      deregistrationDelay: 30,
      healthCheck: healthCheck(args.ports, args.healthPath),
      tags: { Name: gatewayTargetGroupTag(args.awsName, args.service), Service: args.service },
    },
    opts,
  );
}
