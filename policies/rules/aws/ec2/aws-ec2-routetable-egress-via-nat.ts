import { StackFinding, stackPolicy } from "../../../lib/resource";
import { isDefaultRoute, routeTables } from "../../../lib/network";
import { label } from "../../../lib/stack";

/**
 * Egress only through NAT: private application route tables send default routes to a
 * NAT gateway only, data route tables have no default route, and no private route table
 * routes anything to an internet gateway.
 */
export const awsEc2RouteTableEgressViaNat = stackPolicy(
  {
    name: "aws-ec2-routetable-egress-via-nat",
    description:
      "Private subnets reach the internet only through a NAT gateway: application route tables send default routes to a NAT gateway, data route tables have no default route, and no private route table targets an internet gateway.",
    severity: "critical",
    remediationSteps:
      "Route 0.0.0.0/0 of application route tables to a NAT gateway, remove default routes from data route tables, and keep internet gateway routes in public route tables only.",
    frameworks: ["NAG PCI.DSS.321-VPCNoUnrestrictedRouteToIGW", "CKV2_AWS_35"],
    seed: true,
  },
  (stack, args) => {
    const tables = routeTables(stack);
    if (tables.length === 0) args.notApplicable("The stack has no route tables.");
    const findings: StackFinding[] = [];
    for (const t of tables) {
      if (t.tier === undefined || t.tier === "public") continue;
      const where = `${label(t.table)} (${t.tier} tier)`;
      for (const route of t.routes) {
        const dest = route.destination ?? "(no destination)";
        if (route.target === "igw") {
          findings.push({ urn: route.resource.urn, message: `${where} routes ${dest} to an internet gateway (${route.targetText}); private route tables must never target an internet gateway.` });
        } else if (t.tier === "data" && isDefaultRoute(route)) {
          findings.push({ urn: route.resource.urn, message: `${where} has a default route ${dest} (${route.targetText}); data route tables must have no route to the internet.` });
        } else if (isDefaultRoute(route) && route.target !== "nat") {
          findings.push({ urn: route.resource.urn, message: `${where} sends ${dest} to ${route.targetText}, not a NAT gateway; default routes of private route tables must target a NAT gateway.` });
        }
      }
    }
    return findings;
  },
);
