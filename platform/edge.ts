import { CdnFront } from "../components/edge/CdnFront";
import { Edge } from "../components/edge/Edge";
import { apiHostName, catalogHostName } from "../stacks/edge";
import type { PlatformContext } from "./context";
import { apiRoutes } from "./mesh";
import type { Tiers } from "./tiers";

/** What CloudFront takes from us-east-1 (web ACL, certificate, log destination), before the catalog's distribution. */
export function cdnTier(ctx: PlatformContext): CdnFront {
  const { settings } = ctx;
  const catalogHost = catalogHostName(settings.edge);
  return new CdnFront(
    "cdn",
    {
      identity: ctx.identity,
      namePrefix: ctx.namePrefix,
      customDomain: catalogHost ? { name: catalogHost, hostedZoneId: settings.edge.hostedZoneId } : undefined,
      wafRateLimit: settings.edge.wafRateLimit,
      logRetentionDays: settings.logRetentionDays,
      protect: settings.protectStateful,
    },
    { providers: { aws: ctx.awsUsEast1 } },
  );
}

/** The public tier: api.<domain> on the ALB and WAF, TLS again to the Istio gateway; the catalog distribution's DNS and logs. */
export function edgeTier(ctx: PlatformContext, { network, cluster, mesh, cdn, data }: Pick<Tiers, "network" | "cluster" | "mesh" | "cdn" | "data">): Edge {
  const { settings } = ctx;
  return new Edge(
    "edge",
    {
      identity: ctx.identity,
      namePrefix: ctx.namePrefix,
      vpcId: network.vpcId,
      publicSubnetIds: network.subnetIds.public,
      publicSubnetCidrs: network.subnetCidrs.public,
      applicationSubnetCidrs: network.subnetCidrs.application,
      targetSecurityGroupId: cluster.nodeSecurityGroupId,
      hostedZoneId: settings.edge.hostedZoneId,
      apiHostName: apiHostName(settings.edge),
      apiPathPrefixes: apiRoutes(settings),
      wafRateLimit: settings.edge.wafRateLimit,
      idleTimeoutSeconds: settings.edge.idleTimeoutSeconds,
      deletionProtection: settings.protectStateful,
      accessLogBucket: data.accessLogBucket,
      noncurrentVersionDays: settings.data.buckets.noncurrentVersionDays,
      logRetentionDays: settings.logRetentionDays,
      cluster: { clusterName: cluster.clusterName, oidcProviderArn: cluster.oidcProviderArn, oidcIssuerUrl: cluster.oidcIssuerUrl },
      gateway: mesh.edgeGateway,
      catalog: data.catalogDistribution
        ? { ...data.catalogDistribution, distributionArn: data.catalogDistribution.arn, accessLogDestinationArn: cdn.accessLogDestinationArn, hostName: catalogHostName(settings.edge) }
        : undefined,
      usEast1Provider: ctx.awsUsEast1,
      protect: settings.protectStateful,
    },
    { providers: { aws: ctx.aws, kubernetes: cluster.provider, random: ctx.random }, dependsOn: [mesh, cluster.addons] },
  );
}
