import * as pulumi from "@pulumi/pulumi";
import { createMicroservicePods, createServiceIdentities, MicroservicePodsArgs, ServiceIdentitiesArgs } from "./fleet";
import type { MicroservicePod } from "./MicroservicePod";
import type { ServiceIdentity } from "./ServiceIdentity";

/** The services by name, with their settings (what `createServiceIdentities` takes). */
export type ServiceFleet = Parameters<typeof createServiceIdentities>[0];

export interface ServicesArgs extends ServiceIdentitiesArgs {
  /** The services by name, with their settings: one identity and one pod each. */
  readonly services: ServiceFleet;
}

/** What the second phase takes: everything a pod needs but the identities, which the component holds. */
export type ServicePodsArgs = Omit<MicroservicePodsArgs, "identities">;

/**
 * Before this component existed, each `ServiceIdentity` and `MicroservicePod` was a child
 * of the stack. Under `Services` their URNs gain its type, so each names its old parent
 * (none: the stack) and Pulumi matches it to the resource in the state instead of
 * replacing it; their own children inherit the alias (the engine derives a child's old
 * URN from its parent's).
 */
const WAS_TOP_LEVEL: pulumi.Alias[] = [{ parent: pulumi.rootStackResource }];

/**
 * The services tier, in two phases so the data tier fits between them without a cycle:
 *
 * 1. the constructor makes each service's {@link ServiceIdentity} (IRSA role, security
 *    group), which the data tier grants to and admits;
 * 2. {@link deploy} makes each service's {@link MicroservicePod} with the data tier's
 *    bindings, once.
 *
 * Providers: `aws` and `kubernetes` through `opts.providers`, inherited by every child.
 */
export class Services extends pulumi.ComponentResource {
  /** Each service's identity, by service. */
  public readonly identities: Readonly<Record<string, ServiceIdentity>>;
  private readonly componentName: string;
  private readonly services: ServiceFleet;
  private deployed?: Readonly<Record<string, MicroservicePod>>;

  constructor(name: string, args: ServicesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:microservice:Services", name, {}, opts);
    const { services, ...identityArgs } = args;
    this.componentName = name;
    this.services = services;
    this.identities = createServiceIdentities(services, identityArgs, { parent: this, aliases: WAS_TOP_LEVEL });
  }

  /**
   * The second phase: one pod per service, wired to its identity, its callers and callees
   * and its data binding. `dependsOn` is each pod's (e.g. the mesh and the cluster's
   * add-ons, which the pods' objects need installed first).
   */
  deploy(args: ServicePodsArgs, opts: { readonly dependsOn?: pulumi.Input<pulumi.Resource>[] } = {}): Readonly<Record<string, MicroservicePod>> {
    if (this.deployed) throw new Error(`Services '${this.componentName}': deploy() was already called; the pods exist once`);
    this.deployed = createMicroservicePods(this.services, { ...args, identities: this.identities }, { parent: this, aliases: WAS_TOP_LEVEL, dependsOn: opts.dependsOn });
    this.registerOutputs({});
    return this.deployed;
  }

  /** Each service's pod, by service: after {@link deploy}. */
  get pods(): Readonly<Record<string, MicroservicePod>> {
    if (!this.deployed) throw new Error(`Services '${this.componentName}': the pods are read before deploy() made them`);
    return this.deployed;
  }
}
