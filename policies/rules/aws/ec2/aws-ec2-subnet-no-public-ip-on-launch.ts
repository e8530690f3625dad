import { stackPolicy } from "../../../lib/resource";
import { subnetTiers } from "../../../lib/network";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** Only public subnets hand out public IPs at launch. */
export const awsEc2SubnetNoPublicIpOnLaunch = stackPolicy(
  {
    name: "aws-ec2-subnet-no-public-ip-on-launch",
    description: "Subnets that are not public (by their Tier tag, or by having no route to an internet gateway) do not assign public IP addresses at launch.",
    severity: "high",
    remediationSteps: "Set mapPublicIpOnLaunch to false on application and data subnets.",
    frameworks: ["CKV_AWS_130", "FSBP EC2.15"],
  },
  (stack, args) => {
    const tiers = subnetTiers(stack);
    if (tiers.size === 0) args.notApplicable("The stack has no subnets.");
    return [...tiers.entries()]
      .filter(([subnet, tier]) => tier !== "public" && known(() => subnet.props.mapPublicIpOnLaunch) === true)
      .map(([subnet, tier]) => ({ urn: subnet.urn, message: `${label(subnet)} is a ${tier} subnet but sets mapPublicIpOnLaunch to true.` }));
  },
);

