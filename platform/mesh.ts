import { Mesh } from "../components/mesh/Mesh";
import { COLLECTOR_ADDRESS } from "../components/observability/manifests";
import type { Settings } from "../stacks";
import { splitAddress } from "../stacks/compute";
import { meshIngressHosts } from "../stacks/edge";
import { routePrefix } from "../components/microservice/workload";
import type { PlatformContext } from "./context";
import type { Tiers } from "./tiers";

/** Where the mesh and the services send traces: the stack's own OpenTelemetry collector unless another is configured. */
export function tracingCollector(settings: Settings): { readonly host: string; readonly port: number } | undefined {
  return splitAddress(settings.mesh.tracingCollector ?? COLLECTOR_ADDRESS);
}

/** The API path prefix of every service, by service name in settings order (the gateway's and the ALB's routes). */
export function apiRoutes(settings: Settings): Record<string, string> {
  return Object.fromEntries(Object.entries(settings.services).map(([name, s]) => [name, routePrefix(name, s.pathPrefix)]));
}

/** Istio by Helm: its CA, STRICT mTLS, the TLS ingress gateway and the API gateway layer. */
export function meshTier(ctx: PlatformContext, { cluster }: Pick<Tiers, "cluster">): Mesh {
  const { settings } = ctx;
  const tracing = tracingCollector(settings);
  return new Mesh(
    "mesh",
    {
      istioVersion: settings.mesh.istioVersion,
      tracing: tracing && { ...tracing, samplingPercent: settings.mesh.tracingSamplingPercent },
      ingressHosts: meshIngressHosts(settings.mesh.ingressHosts, settings.edge),
      organization: ctx.namePrefix,
      jwt: settings.mesh.jwt,
      rateLimit: settings.mesh.rateLimit,
      apiPathPrefixes: Object.values(apiRoutes(settings)),
    },
    { providers: { kubernetes: cluster.provider, tls: ctx.tls }, dependsOn: [cluster] },
  );
}
