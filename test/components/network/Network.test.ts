import { describe, expect, it } from "vitest";
import type { PlanResource } from "../../../tools/plan/types";
import { STACKS, loadPlan, ofType, single } from "../../support/plans";

const SUBNET = "aws:ec2/subnet:Subnet";
const ROUTE = "aws:ec2/route:Route";
const TABLE = "aws:ec2/routeTable:RouteTable";
const ASSOC = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const NAT = "aws:ec2/natGateway:NatGateway";
const AZS = ["a", "b", "c"];

/** Mock IDs are `<logical name>-id`, so a reference tells where it came from. */
const idOf = (r: PlanResource) => `${r.name}-id`;
const routesOf = (plan: ReturnType<typeof loadPlan>, table: PlanResource) =>
  ofType(plan, ROUTE).filter((r) => r.inputs.routeTableId === idOf(table));

describe.each(STACKS)("network in %s", (stack) => {
  const plan = loadPlan(stack);

  it("has 9 subnets: one per tier in each of 3 AZs, public IPs only in the public tier", () => {
    const subnets = ofType(plan, SUBNET);
    expect(subnets).toHaveLength(9);
    for (const tier of ["public", "application", "data"]) {
      const inTier = subnets.filter((s) => (s.inputs.tags as Record<string, string>).Tier === tier);
      expect(inTier.map((s) => s.inputs.availabilityZone)).toEqual(AZS.map((a) => `us-east-1${a}`));
      expect(inTier.every((s) => s.inputs.mapPublicIpOnLaunch === (tier === "public"))).toBe(true);
    }
  });

  it("associates each subnet with its own tier's route table", () => {
    const assocs = ofType(plan, ASSOC);
    expect(assocs).toHaveLength(9);
    for (const a of assocs) {
      const subnet = ofType(plan, SUBNET).find((s) => idOf(s) === a.inputs.subnetId)!;
      const table = ofType(plan, TABLE).find((t) => idOf(t) === a.inputs.routeTableId)!;
      expect((table.inputs.tags as Record<string, string>).Tier).toBe((subnet.inputs.tags as Record<string, string>).Tier);
    }
  });

  it("routes public subnets to the internet gateway and nothing else there", () => {
    const igw = single(plan, "aws:ec2/internetGateway:InternetGateway", "network-igw");
    for (const az of AZS) {
      const routes = routesOf(plan, single(plan, TABLE, `network-public-rt-${az}`));
      expect(routes.map((r) => [r.inputs.destinationCidrBlock, r.inputs.gatewayId])).toEqual([["0.0.0.0/0", idOf(igw)]]);
    }
  });

  it("gives data subnets no route out, and no private table a route to the internet gateway", () => {
    for (const az of AZS) expect(routesOf(plan, single(plan, TABLE, `network-data-rt-${az}`))).toEqual([]);
    const privateTables = ofType(plan, TABLE).filter((t) => (t.inputs.tags as Record<string, string>).Tier !== "public");
    for (const t of privateTables) expect(routesOf(plan, t).some((r) => r.inputs.gatewayId !== undefined)).toBe(false);
  });

  it("has a flow log of ALL traffic to a log group encrypted with its own rotating key", () => {
    const flow = single(plan, "aws:ec2/flowLog:FlowLog", "network-flow-log");
    const group = single(plan, "aws:cloudwatch/logGroup:LogGroup", "network-flow-logs");
    const key = single(plan, "aws:kms/key:Key", "network-flow-logs-key");
    expect(flow.inputs).toMatchObject({ trafficType: "ALL", logDestinationType: "cloud-watch-logs", vpcId: "network-vpc-id" });
    expect(flow.inputs.logDestination).toContain("network-flow-logs");
    expect(flow.inputs.iamRoleArn).toContain("network-flow-logs-role");
    expect(group.inputs.kmsKeyId).toBe("arn:aws:kms:us-east-1:123456789012:key/network-flow-logs-key");
    expect(group.inputs.retentionInDays).toBe(stack === "prod" ? 365 : 30);
    expect(key.inputs.enableKeyRotation).toBe(true);
    const policy = JSON.parse(key.inputs.policy as string) as { Statement: { Principal: Record<string, unknown> }[] };
    expect(policy.Statement.map((s) => s.Principal)).toEqual([
      { AWS: "arn:aws:iam::123456789012:root" },
      { Service: "logs.us-east-1.amazonaws.com" },
    ]);
    expect(key.options.protect).toBe(stack === "prod");
    expect(group.options.protect).toBe(stack === "prod");
  });

  it("locks the default security group down", () => {
    const sg = single(plan, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "network-default-sg");
    expect(sg.inputs.ingress).toEqual([]);
    expect(sg.inputs.egress).toEqual([]);
  });

  it("keeps AWS API traffic private through endpoints", () => {
    const endpoints = ofType(plan, "aws:ec2/vpcEndpoint:VpcEndpoint");
    const s3 = single(plan, "aws:ec2/vpcEndpoint:VpcEndpoint", "network-endpoint-s3");
    expect(s3.inputs).toMatchObject({ vpcEndpointType: "Gateway", serviceName: "com.amazonaws.us-east-1.s3" });
    expect([...(s3.inputs.routeTableIds as string[])].sort()).toEqual(
      ["application", "data"].flatMap((t) => AZS.map((a) => `network-${t}-rt-${a}-id`)).sort(),
    );
    const interfaces = endpoints.filter((e) => e.inputs.vpcEndpointType === "Interface");
    expect(interfaces.map((e) => e.inputs.serviceName).sort()).toEqual(
      ["ecr.api", "ecr.dkr", "events", "kms", "logs", "s3", "secretsmanager", "sns", "sqs", "sts", "xray"].map((s) => `com.amazonaws.us-east-1.${s}`),
    );
    // S3 names resolve into the application subnets for every resolver in the VPC, so pods
    // reach S3 under their HTTPS-to-application-subnets egress rule.
    expect(single(plan, "aws:ec2/vpcEndpoint:VpcEndpoint", "network-endpoint-s3-interface").inputs.dnsOptions).toEqual({
      privateDnsOnlyForInboundResolverEndpoint: false,
    });
    for (const e of interfaces) {
      expect(e.inputs).toMatchObject({ privateDnsEnabled: true, securityGroupIds: ["network-endpoints-sg-id"] });
      expect(e.inputs.subnetIds).toEqual(AZS.map((a) => `network-application-${a}-id`));
    }
    const https = single(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "network-endpoints-https");
    expect(https.inputs).toMatchObject({ cidrIpv4: "10.0.0.0/16", fromPort: 443, toPort: 443, ipProtocol: "tcp" });
  });

  it("tags everything through one explicit AWS provider in the stack's region", () => {
    const provider = single(plan, "pulumi:providers:aws", "aws");
    expect(provider.inputs.region).toBe("us-east-1");
    expect(JSON.parse(provider.inputs.defaultTags as string)).toEqual({
      tags: { Project: "platform", Stack: stack, Environment: stack, Owner: "platform-team", CostCenter: "1001", ManagedBy: "pulumi" },
    });
    const awsResources = plan.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
    expect(awsResources.length).toBeGreaterThan(50);
    // CloudFront's certificate, web ACL and log delivery must be in us-east-1: a second provider, same tags.
    const east = single(plan, "pulumi:providers:aws", "aws-us-east-1");
    expect([east.inputs.region, east.inputs.defaultTags]).toEqual(["us-east-1", provider.inputs.defaultTags]);
    const inUsEast1 = (r: (typeof awsResources)[number]) => r.urn.includes("::platform:edge:CdnFront$") || r.name.startsWith("edge-cdn-log-");
    for (const r of awsResources) expect(r.provider, r.name).toBe(inUsEast1(r) ? east.urn : provider.urn);
    for (const s of ofType(plan, SUBNET)) expect((s.inputs.tags as Record<string, string>).Name).toMatch(new RegExp(`^platform-${stack}-(public|application|data)-[abc]$`));
  });

  it("exports the typed network outputs", () => {
    const net = plan.outputs.network as Record<string, unknown>;
    expect(plan.outputs.outputsVersion).toBe(1);
    expect(net.vpcId).toBe("network-vpc-id");
    expect(net.vpcCidr).toBe("10.0.0.0/16");
    expect(net.subnetIds).toEqual({
      public: AZS.map((a) => `network-public-${a}-id`),
      application: AZS.map((a) => `network-application-${a}-id`),
      data: AZS.map((a) => `network-data-${a}-id`),
    });
    expect((net.routeTableIds as Record<string, string[]>).application).toEqual(AZS.map((a) => `network-application-rt-${a}-id`));
    expect(net.endpointSecurityGroupId).toBe("network-endpoints-sg-id");
  });
});

describe("NAT by strategy", () => {
  it("dev (Single): one NAT in the first public subnet, shared by every application subnet", () => {
    const plan = loadPlan("dev");
    const nats = ofType(plan, NAT);
    expect(nats.map((n) => [n.name, n.inputs.subnetId])).toEqual([["network-nat-a", "network-public-a-id"]]);
    for (const az of AZS) {
      const routes = routesOf(plan, single(plan, TABLE, `network-application-rt-${az}`));
      expect(routes.map((r) => [r.inputs.destinationCidrBlock, r.inputs.natGatewayId])).toEqual([["0.0.0.0/0", "network-nat-a-id"]]);
    }
  });

  it("prod (OnePerAz): each AZ's application subnet uses its own AZ's NAT", () => {
    const plan = loadPlan("prod");
    expect(ofType(plan, NAT).map((n) => [n.name, n.inputs.subnetId, n.inputs.allocationId])).toEqual(
      AZS.map((a) => [`network-nat-${a}`, `network-public-${a}-id`, `network-nat-eip-${a}-alloc`]),
    );
    for (const az of AZS) {
      const routes = routesOf(plan, single(plan, TABLE, `network-application-rt-${az}`));
      expect(routes.map((r) => [r.inputs.destinationCidrBlock, r.inputs.natGatewayId])).toEqual([["0.0.0.0/0", `network-nat-${az}-id`]]);
    }
  });

  it("records that each NAT gateway waits for the internet gateway", () => {
    const plan = loadPlan("prod");
    const igw = single(plan, "aws:ec2/internetGateway:InternetGateway", "network-igw");
    for (const nat of ofType(plan, NAT)) {
      expect(nat.options.dependsOn).toEqual([igw.urn]);
      expect(nat.dependencies).toContain(igw.urn);
    }
  });
});
