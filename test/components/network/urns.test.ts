import { describe, expect, it } from "vitest";
import { loadPlan } from "../../support/plans";

/**
 * The network's URNs are a contract: a changed URN means Pulumi replaces the resource
 * (for the VPC, everything in it). A refactor that changes a name, type or parent must
 * add `aliases` and update this list on purpose.
 */
const PINNED = [
  "platform:network:Network::network",
  "platform:network:Network$aws:ec2/vpc:Vpc::network-vpc",
  "platform:network:Network$aws:ec2/internetGateway:InternetGateway::network-igw",
  "platform:network:Network$aws:ec2/defaultSecurityGroup:DefaultSecurityGroup::network-default-sg",
  "platform:network:Network$aws:kms/key:Key::network-flow-logs-key",
  "platform:network:Network$aws:kms/alias:Alias::network-flow-logs-key-alias",
  "platform:network:Network$aws:cloudwatch/logGroup:LogGroup::network-flow-logs",
  "platform:network:Network$aws:iam/role:Role::network-flow-logs-role",
  "platform:network:Network$aws:iam/rolePolicy:RolePolicy::network-flow-logs-write",
  "platform:network:Network$aws:ec2/flowLog:FlowLog::network-flow-log",
  "platform:network:Network$aws:ec2/securityGroup:SecurityGroup::network-endpoints-sg",
  "platform:network:Network$aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::network-endpoints-https",
  ...["s3", "s3-interface", "ecr-api", "ecr-dkr", "sts", "secretsmanager", "kms", "logs", "sqs", "events", "xray", "sns"].map(
    (e) => `platform:network:Network$aws:ec2/vpcEndpoint:VpcEndpoint::network-endpoint-${e}`,
  ),
  ...["a", "b", "c"].flatMap((az) => [
    `platform:network:Network$aws:ec2/eip:Eip::network-nat-eip-${az}`,
    `platform:network:Network$aws:ec2/natGateway:NatGateway::network-nat-${az}`,
  ]),
  ...["public", "application", "data"].flatMap((tier) => [
    `platform:network:Network$platform:network:SubnetTier::network-${tier}`,
    ...["a", "b", "c"].flatMap((az) => [
      `platform:network:Network$platform:network:SubnetTier$aws:ec2/subnet:Subnet::network-${tier}-${az}`,
      `platform:network:Network$platform:network:SubnetTier$aws:ec2/routeTable:RouteTable::network-${tier}-rt-${az}`,
      `platform:network:Network$platform:network:SubnetTier$aws:ec2/routeTableAssociation:RouteTableAssociation::network-${tier}-rta-${az}`,
      ...(tier === "data" ? [] : [`platform:network:Network$platform:network:SubnetTier$aws:ec2/route:Route::network-${tier}-default-${az}`]),
    ]),
  ]),
].map((tail) => `urn:pulumi:prod::platform::${tail}`);

describe("network URNs (prod)", () => {
  it("are exactly the pinned ones", () => {
    const actual = loadPlan("prod")
      .resources.map((r) => r.urn)
      .filter((u) => u.includes("platform:network:"));
    expect(actual.sort()).toEqual([...PINNED].sort());
  });
});
