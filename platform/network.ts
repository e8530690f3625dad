import { Network } from "../components/network/Network";
import type { PlatformContext } from "./context";

/** The VPC and its three subnet tiers, NAT, flow logs and interface endpoints. */
export function networkTier(ctx: PlatformContext): Network {
  const { settings } = ctx;
  return new Network(
    "network",
    {
      cidr: settings.network.cidr,
      availabilityZones: settings.network.availabilityZones,
      natStrategy: settings.network.natStrategy,
      identity: ctx.identity,
      logRetentionDays: settings.logRetentionDays,
      namePrefix: ctx.namePrefix,
      protectStateful: settings.protectStateful,
      clusterName: ctx.namePrefix,
    },
    { providers: { aws: ctx.aws } },
  );
}
