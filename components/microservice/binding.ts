/* The pod side of a data binding (`ServiceDataBinding`, declared by its producer in components/data/bindings.ts). */

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
