import { Cluster } from "../components/cluster/Cluster";
import { podSecurityGroupMode } from "../components/cluster/podSecurityGroups";
import type { PlatformContext } from "./context";
import type { Tiers } from "./tiers";

/** EKS in the application subnets: control plane, node group, add-ons and the Kubernetes provider. */
export function clusterTier(ctx: PlatformContext, { network }: Pick<Tiers, "network">): Cluster {
  const { settings } = ctx;
  return new Cluster(
    "cluster",
    {
      clusterName: ctx.namePrefix,
      version: settings.cluster.version,
      vpcId: network.vpcId,
      subnetIds: network.subnetIds.application,
      subnetCidrs: network.subnetCidrs.application,
      serviceCidr: settings.network.serviceCidr,
      instanceType: settings.cluster.instanceType,
      desiredSize: settings.cluster.desiredSize,
      minSize: settings.cluster.minSize,
      maxSize: settings.cluster.maxSize,
      autoscalingServiceLinkedRole: settings.cluster.autoscalingServiceLinkedRole,
      diskSizeGiB: settings.cluster.diskSizeGiB,
      adminRoleArn: settings.cluster.adminRoleArn,
      publicAccessCidrs: settings.cluster.publicAccessCidrs,
      privateAccessCidrs: settings.cluster.privateAccessCidrs,
      podSecurityGroups: podSecurityGroupMode(settings.cluster.instanceType),
      identity: ctx.identity,
      logRetentionDays: settings.logRetentionDays,
      namePrefix: ctx.namePrefix,
      protectStateful: settings.protectStateful,
    },
    { providers: { aws: ctx.aws, tls: ctx.tls } },
  );
}
