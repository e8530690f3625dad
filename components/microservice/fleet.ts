import * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../cluster/Cluster";
import type { ServiceDataBinding } from "../data/bindings";
import type { Mesh } from "../mesh/Mesh";
import { AwsIdentity } from "../shared/identity";
import { MicroservicePod } from "./MicroservicePod";
import { ServiceIdentity } from "./ServiceIdentity";
import { Workload, calleesOf, routePrefix } from "./workload";

/** The logical names of a service's components (a contract: URNs are built from them). */
const serviceNames = (service: string) => ({ identity: `${service}-identity`, pod: `${service}-pod` });

export interface ServiceIdentitiesArgs {
  /** The cluster: its OIDC provider (IRSA trust), pod security group mode and node group. */
  readonly cluster: Pick<Cluster, "oidcProviderArn" | "oidcIssuerHost" | "podSecurityGroups" | "nodeSecurityGroupId">;
  /** The VPC the per-service pod security groups belong to. */
  readonly vpcId: pulumi.Input<string>;
  /** The VPC CIDR, which pod security groups admit (sidecar and kubelet traffic). */
  readonly vpcCidr: string;
  /** The account, partition and region, for role and secret ARNs. */
  readonly identity: AwsIdentity;
  /** The prefix of AWS names and `Name` tags, e.g. `platform-prod`. */
  readonly namePrefix: string;
}

/** Each service's IRSA role and security group, keyed by service: created before the data tier, which grants to them. */
export function createServiceIdentities(
  services: Readonly<Record<string, Workload>>,
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
  /** Each service's identity (IRSA role, security group), from `createServiceIdentities`. */
  readonly identities: Readonly<Record<string, ServiceIdentity>>;
  /** The mesh: its ingress gateway, which every service's VirtualService binds to. */
  readonly mesh: Mesh;
  /**
   * The tracing collector, which every Sidecar and NetworkPolicy lets pods reach.
   * @default - none: no egress to a collector.
   */
  readonly tracing?: { readonly host: string; readonly port: number };
  /** The data subnets' CIDRs, the one place NetworkPolicies let pods reach data stores. */
  readonly dataCidrs: readonly string[];
  /** The application subnets' CIDRs (nodes and the AWS interface endpoints). */
  readonly applicationCidrs: readonly string[];
  /** The AWS region (the pods' regional STS endpoint). */
  readonly region: string;
  /** The prefix of AWS names, e.g. `platform-prod`, in each service's log group name. */
  readonly namePrefix: string;
  /** The KMS key that encrypts each service's log group. */
  readonly logKeyArn: pulumi.Input<string>;
  /** Retention of each service's log group, in days. */
  readonly logRetentionDays: number;
  /** Protect the services' log groups from deletion (prod). */
  readonly protectStateful: boolean;
  /**
   * The data tier's bindings, by service.
   * @default - no bindings: a service mounts nothing from the data tier.
   */
  readonly bindings?: Readonly<Record<string, ServiceDataBinding>>;
}

/** One MicroservicePod per service, wired to its identity, its callers and callees, and its data binding. */
export function createMicroservicePods(
  services: Readonly<Record<string, Workload>>,
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
              tracing: args.tracing,
            },
            dataCidrs: args.dataCidrs,
            applicationCidrs: args.applicationCidrs,
            region: args.region,
            namePrefix: args.namePrefix,
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
