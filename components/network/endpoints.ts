import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Interface endpoints that keep AWS API traffic inside the VPC, by logical role. */
const INTERFACE_ENDPOINTS = {
  "ecr-api": "ecr.api",
  "ecr-dkr": "ecr.dkr",
  sts: "sts",
  secretsmanager: "secretsmanager",
  kms: "kms",
  logs: "logs",
  // The data tier's queues and event bus: pods reach them without leaving the VPC.
  sqs: "sqs",
  events: "events",
  // The OpenTelemetry collector's X-Ray exporter.
  xray: "xray",
  // Alertmanager's SNS publishes to the alarm topic.
  sns: "sns",
} as const;

/** `com.amazonaws.<region>.<service>`: the endpoint service name. */
function endpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}

export interface EndpointsArgs {
  /** The VPC the endpoints serve. */
  readonly vpcId: pulumi.Input<string>;
  /** The VPC CIDR: the only source the endpoints' security group admits (HTTPS). */
  readonly vpcCidr: string;
  /** The region, which names the endpoint services (`com.amazonaws.<region>.<service>`). */
  readonly region: string;
  /** Where the interface endpoints' network interfaces go (the application subnets). */
  readonly subnetIds: pulumi.Input<string>[];
  /** Route tables that get the S3 gateway route (application and data). */
  readonly routeTableIds: pulumi.Input<string>[];
  /** The prefix of the `Name` tags. */
  readonly namePrefix: string;
}

/**
 * The S3 gateway endpoint on the private route tables, and interface endpoints (private
 * DNS) for S3, ECR, STS, Secrets Manager, KMS, Logs, SQS and EventBridge behind their own
 * security group.
 * Returns that security group's ID.
 */
export function createEndpoints(name: string, args: EndpointsArgs, parent: pulumi.Resource): pulumi.Output<string> {
  const tag = (role: string) => ({ Name: `${args.namePrefix}-${role}` });
  const sg = new aws.ec2.SecurityGroup(
    `${name}-sg`,
    { vpcId: args.vpcId, description: "VPC interface endpoints: HTTPS from inside the VPC only.", tags: tag("endpoints") },
    { parent },
  );
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-https`,
    { securityGroupId: sg.id, cidrIpv4: args.vpcCidr, ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "HTTPS to the AWS API endpoints from the VPC." },
    { parent },
  );
  const endpoint = name.replace(/s$/, "");
  new aws.ec2.VpcEndpoint(
    `${endpoint}-s3`,
    {
      vpcId: args.vpcId,
      serviceName: endpointServiceName(args.region, "s3"),
      vpcEndpointType: "Gateway",
      routeTableIds: args.routeTableIds,
      tags: tag("endpoint-s3"),
    },
    { parent },
  );
  // S3 also gets an interface endpoint with private DNS for every resolver in the VPC, so
  // `s3.<region>.amazonaws.com` and `<bucket>.s3.<region>...` resolve to addresses in the
  // application subnets: pods then reach S3 under the same egress rule (HTTPS to those
  // subnets) as every other AWS API, where the gateway endpoint would need S3's public
  // address ranges. The gateway endpoint stays for route-based traffic.
  new aws.ec2.VpcEndpoint(
    `${endpoint}-s3-interface`,
    {
      vpcId: args.vpcId,
      serviceName: endpointServiceName(args.region, "s3"),
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      dnsOptions: { privateDnsOnlyForInboundResolverEndpoint: false },
      subnetIds: args.subnetIds,
      securityGroupIds: [sg.id],
      tags: tag("endpoint-s3-interface"),
    },
    { parent },
  );
  for (const [role, service] of Object.entries(INTERFACE_ENDPOINTS)) {
    new aws.ec2.VpcEndpoint(
      `${endpoint}-${role}`,
      {
        vpcId: args.vpcId,
        serviceName: endpointServiceName(args.region, service),
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: args.subnetIds,
        securityGroupIds: [sg.id],
        tags: tag(`endpoint-${role}`),
      },
      { parent },
    );
  }
  return sg.id;
}
