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

/**
 * The CPU and memory requests of each add-on's containers, explicit so the capacity
 * policy reads what the scheduler reserves (the charts' own defaults, written down).
 */
const ADDON_REQUESTS = {
  metricsServer: { cpu: "100m", memory: "200Mi" },
  secretsStoreDriver: { cpu: "50m", memory: "100Mi" },
  secretsStoreRegistrar: { cpu: "10m", memory: "20Mi" },
  secretsStoreLivenessProbe: { cpu: "10m", memory: "20Mi" },
  awsProvider: { cpu: "50m", memory: "100Mi" },
} as const;

/** Requests with a memory limit of twice the request. */
function resources(requests: { cpu: string; memory: string }): Record<string, unknown> {
  return { requests: { ...requests }, limits: { memory: `${2 * Number(requests.memory.replace(/Mi$/, ""))}Mi` } };
}

/** The values of each in-cluster add-on: HA where it matters, nothing on by accident, explicit requests. */
function addonValues(): Record<"metricsServer" | "secretsStore" | "awsProvider", Record<string, unknown>> {
  return {
    metricsServer: {
      replicas: 2,
      podDisruptionBudget: { enabled: true, minAvailable: 1 },
      args: ["--kubelet-preferred-address-types=InternalIP"],
      resources: resources(ADDON_REQUESTS.metricsServer),
    },
    // No sync into Kubernetes Secrets: the files in the pod are the only copy. The driver
    // requests each pod's service-account token for STS, so the AWS provider (installed
    // by its own release) can assume the pod's IRSA role.
    secretsStore: {
      syncSecret: { enabled: false },
      enableSecretRotation: true,
      rotationPollInterval: "2m",
      tokenRequests: [{ audience: IRSA_TOKEN_AUDIENCE }],
      linux: {
        driver: { resources: resources(ADDON_REQUESTS.secretsStoreDriver) },
        registrar: { resources: resources(ADDON_REQUESTS.secretsStoreRegistrar) },
        livenessProbe: { resources: resources(ADDON_REQUESTS.secretsStoreLivenessProbe) },
      },
    },
    // The driver is installed by its own release above, not as a sub-chart.
    awsProvider: { "secrets-store-csi-driver": { install: false }, resources: resources(ADDON_REQUESTS.awsProvider) },
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
