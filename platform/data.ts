import { DataTier } from "../components/data/DataTier";
import type { PlatformContext } from "./context";
import type { Tiers } from "./tiers";

/** The data and messaging tier: it grants to the services' identities and hands each service its binding. */
export function dataTier(ctx: PlatformContext, { network, cluster, services, cdn }: Pick<Tiers, "network" | "cluster" | "services" | "cdn">): DataTier {
  const { settings } = ctx;
  const identities = services.identities;
  return new DataTier(
    "data",
    {
      identity: ctx.identity,
      namePrefix: ctx.namePrefix,
      vpcId: network.vpcId,
      dataSubnetIds: network.subnetIds.data,
      endpointSecurityGroupId: network.endpointSecurityGroupId,
      appSecurityGroupId: cluster.nodeSecurityGroupId,
      services: Object.fromEntries(
        Object.entries(settings.services).map(([name, s]) => [
          name,
          { settings: s, roleArn: identities[name].roleArn, roleName: identities[name].roleName, podSecurityGroupId: identities[name].podSecurityGroupId },
        ]),
      ),
      settings: settings.data,
      logRetentionDays: settings.logRetentionDays,
      protect: settings.protectStateful,
      cluster: { clusterName: cluster.clusterName, oidcProviderArn: cluster.oidcProviderArn, oidcIssuerUrl: cluster.oidcIssuerUrl, nodeRoleArn: cluster.nodeRoleArn },
      catalogEdge: { webAclArn: cdn.webAclArn, customDomain: cdn.customDomain },
    },
    { providers: { aws: ctx.aws, random: ctx.random }, dependsOn: [cluster.addons] },
  );
}
