import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { StackFinding, stackPolicy } from "../../../lib/resource";
import { isDefaultRoute, routeTables } from "../../../lib/network";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** Each AZ's application subnets leave through a NAT gateway in the same AZ. */
export const awsEc2NatGatewayPerAz = stackPolicy(
  {
    name: "aws-ec2-natgateway-per-az",
    description: "Each availability zone with application subnets has its own NAT gateway, and its application route tables use it, so losing one zone does not cut egress for the others.",
    severity: "medium",
    remediationSteps: "Use the OnePerAz NAT strategy: a NAT gateway in each AZ's public subnet, and each application route table's default route to its own AZ's NAT gateway.",
    frameworks: ["platform"],
    availability: true,
  },
  (stack, args) => {
    const nats = stack.ofType(aws.ec2.NatGateway);
    if (nats.length === 0) args.notApplicable("The stack has no NAT gateway.");
    const azOf = (subnet: PolicyResource | undefined) => (subnet ? (known(() => subnet.props.availabilityZone) as string | undefined) : undefined);
    const natAz = new Map(nats.map((n) => [n, azOf(stack.refs(n, "subnetId", aws.ec2.Subnet)[0])]));
    const findings: StackFinding[] = [];
    for (const t of routeTables(stack).filter((t) => t.tier === "application")) {
      for (const subnet of t.subnets) {
        const az = azOf(subnet);
        if (!az) continue;
        for (const route of t.routes.filter((r) => r.target === "nat" && isDefaultRoute(r))) {
          const used = stack.refs(route.resource, route.resource === t.table ? "routes" : "natGatewayId", aws.ec2.NatGateway);
          const elsewhere = used.filter((n) => natAz.get(n) !== undefined && natAz.get(n) !== az);
          if (elsewhere.length > 0) {
            findings.push({
              urn: route.resource.urn,
              message: `${label(subnet)} in ${az} leaves through ${elsewhere.map((n) => `${label(n)} in ${natAz.get(n)}`).join(", ")}; each AZ needs its own NAT gateway.`,
            });
          }
        }
      }
    }
    return findings;
  },
);
