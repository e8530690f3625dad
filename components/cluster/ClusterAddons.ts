import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { IRSA_TOKEN_AUDIENCE, METRICS_SERVER, PinnedChart, SECRETS_STORE_AWS_PROVIDER, SECRETS_STORE_CSI_DRIVER } from "./charts";

export interface ClusterAddonsArgs {
  /**
   * How long Helm waits for each release, in seconds.
   * @default - 600: ten minutes.
   */
  readonly timeoutSeconds?: number;
}

/** The values of each in-cluster add-on: HA where it matters, nothing on by accident. */
export function addonValues(): Record<"metricsServer" | "secretsStore" | "awsProvider", Record<string, unknown>> {
  return {
    metricsServer: {
      replicas: 2,
      podDisruptionBudget: { enabled: true, minAvailable: 1 },
      args: ["--kubelet-preferred-address-types=InternalIP"],
    },
    // No sync into Kubernetes Secrets: the files in the pod are the only copy. The driver
    // requests each pod's service-account token for STS, so the AWS provider (installed
    // by its own release) can assume the pod's IRSA role.
    secretsStore: {
      syncSecret: { enabled: false },
      enableSecretRotation: true,
      rotationPollInterval: "2m",
      tokenRequests: [{ audience: IRSA_TOKEN_AUDIENCE }],
    },
    // The driver is installed by its own release above, not as a sub-chart.
    awsProvider: { "secrets-store-csi-driver": { install: false } },
  };
}

/**
 * The cluster's own Helm add-ons, pinned: metrics-server (for the HPAs), and the
 * Secrets Store CSI driver with its AWS provider (pods mount Secrets Manager secrets as
 * files through their own IRSA role). Everything goes to `kube-system` through the
 * cluster's Kubernetes provider (`opts.providers.kubernetes`).
 */
export class ClusterAddons extends pulumi.ComponentResource {
  /** Names of the releases, in install order. */
  public readonly releaseNames: pulumi.Output<string>[];
  /** The CSI driver name pods use in their `csi` volumes. */
  public readonly secretsStoreDriver: string;

  constructor(name: string, args: ClusterAddonsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster:ClusterAddons", name, {}, opts);
    const values = addonValues();
    const timeout = args.timeoutSeconds ?? 600;
    const release = (role: string, chart: PinnedChart, releaseName: string, v: Record<string, unknown>, dependsOn: pulumi.Resource[] = []) =>
      new k8s.helm.v3.Release(
        `${name}-${role}`,
        {
          name: releaseName,
          chart: chart.chart,
          version: chart.version,
          repositoryOpts: { repo: chart.repo },
          namespace: "kube-system",
          values: v,
          atomic: true,
          cleanupOnFail: true,
          timeout,
        },
        { parent: this, dependsOn },
      );
    const metrics = release("metrics-server", METRICS_SERVER, "metrics-server", values.metricsServer);
    const driver = release("secrets-store-csi-driver", SECRETS_STORE_CSI_DRIVER, "secrets-store-csi-driver", values.secretsStore);
    const provider = release("secrets-store-aws", SECRETS_STORE_AWS_PROVIDER, "secrets-store-aws", values.awsProvider, [driver]);

    this.releaseNames = [metrics, driver, provider].map((r) => r.name);
    this.secretsStoreDriver = "secrets-store.csi.k8s.io";
    this.registerOutputs({ releaseNames: this.releaseNames });
  }
}
