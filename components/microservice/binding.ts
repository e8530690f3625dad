import type * as pulumi from "@pulumi/pulumi";

/** A data-tier endpoint outside the mesh (database, cache, brokers), declared to the mesh with a `ServiceEntry`. */
interface DataEndpoint {
  /** A short DNS-label name, e.g. `postgres`; the ServiceEntry is `data-<name>`. */
  readonly name: string;
  /** The endpoint's DNS names (e.g. the RDS address, or every MSK broker). */
  readonly hosts: pulumi.Input<pulumi.Input<string>[]>;
  /** The TCP port. */
  readonly port: number;
  /** `TLS` when the client speaks TLS end to end (RDS with TLS, Redis in-transit, MSK), else `TCP`. */
  readonly protocol: "TCP" | "TLS";
}

/**
 * What the data tier hands a service's pods: the typed hook of `MicroservicePodArgs.data`.
 * The pod mounts each part as files; nothing here ever becomes an env value.
 */
export interface ServiceDataBinding {
  /** Non-secret connection details (endpoints, ports, bucket names), mounted as files from a ConfigMap. */
  readonly config: Record<string, pulumi.Input<string>>;
  /** Secrets Manager secret ARNs the pods read, mounted as files through the Secrets Store CSI driver. */
  readonly secretArns: pulumi.Input<string>[];
  /** An EFS access point to mount (through the EFS CSI driver), read-only when readOnly. */
  readonly filesystem?: { readonly fileSystemId: pulumi.Input<string>; readonly accessPointId: pulumi.Input<string>; readonly readOnly: boolean };
  /**
   * The data endpoints the pods connect to. The mesh's egress is REGISTRY_ONLY, so a
   * database or broker the mesh does not know is unreachable: each becomes a ServiceEntry.
   * @default - none.
   */
  readonly endpoints?: readonly DataEndpoint[];
}

/** Where the pod finds each part of the binding (and of its own `secrets` setting). */
export const MOUNTS = {
  /** One file per `config` key. */
  config: "/etc/platform/data",
  /** One file per secret: `data-<i>` for `secretArns[i]`, the secret name with `/` → `_` for the `secrets` setting. */
  secrets: "/mnt/secrets",
  /** The EFS access point's root. */
  filesystem: "/mnt/shared",
  /** A writable scratch directory (the root filesystem is read-only). */
  tmp: "/tmp",
} as const;
