import { Services } from "../components/microservice/Services";
import type { PlatformContext } from "./context";
import { tracingCollector } from "./mesh";
import type { Tiers } from "./tiers";

/** The services' first phase: each service's IRSA role and security group, before the data tier grants to them. */
export function servicesTier(ctx: PlatformContext, { network, cluster }: Pick<Tiers, "network" | "cluster">): Services {
  return new Services(
    "services",
    { services: ctx.settings.services, cluster, vpcId: network.vpcId, vpcCidr: network.vpcCidr, identity: ctx.identity, namePrefix: ctx.namePrefix },
    { providers: { aws: ctx.aws, kubernetes: cluster.provider } },
  );
}

/** The services' second phase: each service's pod, bound to what the data tier made for it. */
export function deployServices(ctx: PlatformContext, { network, cluster, mesh, services, data }: Pick<Tiers, "network" | "cluster" | "mesh" | "services" | "data">): void {
  const { settings } = ctx;
  services.deploy(
    {
      mesh,
      tracing: tracingCollector(settings),
      dataCidrs: network.subnetCidrs.data,
      applicationCidrs: network.subnetCidrs.application,
      region: settings.region,
      namePrefix: ctx.namePrefix,
      logKeyArn: cluster.logsKeyArn,
      logRetentionDays: settings.logRetentionDays,
      protectStateful: settings.protectStateful,
      bindings: data.bindings,
    },
    { dependsOn: [mesh, cluster.addons] },
  );
}
