import * as pulumi from "@pulumi/pulumi";
import { ServicesSettings, calleesOf, routePrefix } from "../../stacks/services";
import type { Cluster } from "../cluster/Cluster";
import type { Mesh } from "../mesh/Mesh";
import { AwsIdentity } from "../shared/identity";
import { ServiceDataBinding } from "./binding";
import { MicroservicePod } from "./MicroservicePod";
import { ServiceIdentity } from "./ServiceIdentity";

/** The logical names of a service's components (a contract: URNs are built from them). */
export const serviceNames = (service: string) => ({ identity: `${service}-identity`, pod: `${service}-pod` });

export interface ServiceIdentitiesArgs {
  readonly cluster: Pick<Cluster, "oidcProviderArn" | "oidcIssuerHost" | "podSecurityGroups" | "nodeSecurityGroupId">;
  readonly vpcId: pulumi.Input<string>;
  readonly vpcCidr: string;
  readonly identity: AwsIdentity;
  readonly namePrefix: string;
}

/** Each service's IRSA role and security group, keyed by service: created before the data tier, which grants to them. */
export function createServiceIdentities(
  services: ServicesSettings,
  args: ServiceIdentitiesArgs,
  opts: pulumi.ComponentResourceOptions,
): Record<string, ServiceIdentity> {
  return Object.fromEntries(
    Object.entries(services).map(([service, s]) => [
      service,
      new ServiceIdentity(
        serviceNames(service).identity,
        {
          namespace: service,
          serviceAccount: service,
          oidcProviderArn: args.cluster.oidcProviderArn,
          oidcIssuerHost: args.cluster.oidcIssuerHost,
          podSecurityGroups: args.cluster.podSecurityGroups,
          vpcId: args.vpcId,
          vpcCidr: args.vpcCidr,
          nodeSecurityGroupId: args.cluster.nodeSecurityGroupId,
          secretNames: s.secrets,
          identity: args.identity,
          namePrefix: args.namePrefix,
        },
        opts,
      ),
    ]),
  );
}

export interface MicroservicePodsArgs {
  readonly identities: Readonly<Record<string, ServiceIdentity>>;
  readonly mesh: Mesh;
  readonly tracingHost: string;
  readonly tracingPort: number;
  readonly dataCidrs: readonly string[];
  readonly applicationCidrs: readonly string[];
  /** The AWS region (the pods' regional STS endpoint). */
  readonly region: string;
  readonly logKeyArn: pulumi.Input<string>;
  readonly logRetentionDays: number;
  readonly protectStateful: boolean;
  /** The data tier's bindings, by service; a service without one mounts nothing from it. */
  readonly bindings?: Readonly<Record<string, ServiceDataBinding>>;
}

/** One MicroservicePod per service, wired to its identity, its callers and callees, and its data binding. */
export function createMicroservicePods(
  services: ServicesSettings,
  args: MicroservicePodsArgs,
  opts: pulumi.ComponentResourceOptions,
): Record<string, MicroservicePod> {
  const m = args.mesh;
  return Object.fromEntries(
    Object.entries(services).map(([service, s]) => {
      const identity = args.identities[service];
      return [
        service,
        new MicroservicePod(
          serviceNames(service).pod,
          {
            service,
            settings: s,
            pathPrefix: routePrefix(service, s.pathPrefix),
            roleArn: identity.roleArn,
            podSecurityGroupId: identity.podSecurityGroupId,
            callers: [...s.callers].sort(),
            callees: calleesOf(service, services).map((name) => ({ name, port: services[name].port })),
            mesh: {
              gatewayRef: m.gatewayRef,
              gatewayNamespace: m.gatewayNamespace,
              gatewaySelector: m.gatewaySelector,
              gatewayPrincipal: m.gatewayPrincipal,
              ingressHosts: m.ingressHosts,
              tracingHost: args.tracingHost,
              tracingPort: args.tracingPort,
            },
            dataCidrs: args.dataCidrs,
            applicationCidrs: args.applicationCidrs,
            region: args.region,
            logKeyArn: args.logKeyArn,
            logRetentionDays: args.logRetentionDays,
            protectStateful: args.protectStateful,
            data: args.bindings?.[service],
          },
          opts,
        ),
      ];
    }),
  );
}
