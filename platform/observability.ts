import { MESH, principal } from "../components/mesh/values";
import { Observability } from "../components/observability/Observability";
import type { PlatformContext } from "./context";
import type { Tiers } from "./tiers";

/**
 * Shared observability: the collector the mesh traces to, Fluent Bit into the services' log groups,
 * Prometheus, Alertmanager (to the alarm topic) and Grafana.
 */
export function observabilityTier(
  ctx: PlatformContext,
  { network, cluster, mesh, services, alarms }: Pick<Tiers, "network" | "cluster" | "mesh" | "services" | "alarms">,
): Observability {
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
      monitoring: {
        services: names,
        extraScrapedNamespaces: [MESH.gatewayNamespace],
        serviceCidr: ctx.settings.network.serviceCidr,
        alarmTopicArn: alarms.topicArn,
        alarmTopicKeyArn: alarms.kmsKeyArn,
        volumesKeyArn: cluster.volumesKeyArn,
        ebsCsiRoleName: cluster.ebsCsiRoleName,
        prometheus: ctx.settings.observability.prometheus,
      },
    },
    { providers: { aws: ctx.aws, kubernetes: cluster.provider, random: ctx.random }, dependsOn: [mesh, cluster.addons] },
  );
}
