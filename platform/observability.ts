import { MESH, principal } from "../components/mesh/values";
import { Observability } from "../components/observability/Observability";
import type { PlatformContext } from "./context";
import type { Tiers } from "./tiers";

/** Shared observability: the collector the mesh traces to, Fluent Bit into the services' log groups. */
export function observabilityTier(ctx: PlatformContext, { network, cluster, mesh, services }: Pick<Tiers, "network" | "cluster" | "mesh" | "services">): Observability {
  const names = Object.keys(ctx.settings.services);
  return new Observability(
    "observability",
    {
      identity: ctx.identity,
      oidcProviderArn: cluster.oidcProviderArn,
      oidcIssuerHost: cluster.oidcIssuerHost,
      traceSenders: [...names, MESH.gatewayNamespace],
      senderPrincipals: [...names.map((svc) => principal(svc, svc)), mesh.gatewayPrincipal],
      applicationCidrs: network.subnetCidrs.application,
      logGroups: Object.entries(services.pods).map(([service, pod]) => ({ service, logGroupName: pod.logGroupName })),
    },
    { providers: { aws: ctx.aws, kubernetes: cluster.provider }, dependsOn: [mesh, cluster.addons] },
  );
}
