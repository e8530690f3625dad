/** A Helm chart pinned to one version, with the repository it comes from. */
export interface PinnedChart {
  readonly chart: string;
  readonly version: string;
  readonly repo: string;
}

/**
 * metrics-server (the HPAs' resource metrics). Chart 3.14.0 (app v0.8.x, built against
 * Kubernetes 1.36 libraries) was published 2026-08; confirmed 2026-12-02 from the chart's
 * release PRs (github.com/kubernetes-sigs/metrics-server releases, dependency bumps 3.13.1 → 3.14.0).
 */
export const METRICS_SERVER: PinnedChart = {
  chart: "metrics-server",
  version: "3.14.0",
  repo: "https://kubernetes-sigs.github.io/metrics-server/",
};

/**
 * The Secrets Store CSI driver: mounts external secrets into pods as files. Chart 1.6.0
 * (2026-07) is the newest release confirmed on 2026-12-02 (downstream chart bumps
 * 1.5.6 → 1.6.0; no 1.6.1 of this chart was found, the 1.6.1 seen elsewhere is Azure's provider).
 */
export const SECRETS_STORE_CSI_DRIVER: PinnedChart = {
  chart: "secrets-store-csi-driver",
  version: "1.6.0",
  repo: "https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts",
};

/**
 * The AWS provider (ASCP) of the Secrets Store CSI driver: Secrets Manager through IRSA.
 * Chart 2.2.0 is the version in the chart's own Chart.yaml
 * (github.com/aws/secrets-store-csi-driver-provider-aws, charts/secrets-store-csi-driver-provider-aws);
 * confirmed 2026-12-02. The previous pin, 3.1.4, could not be found as a published chart.
 */
export const SECRETS_STORE_AWS_PROVIDER: PinnedChart = {
  chart: "secrets-store-csi-driver-provider-aws",
  version: "2.2.0",
  repo: "https://aws.github.io/secrets-store-csi-driver-provider-aws",
};

/**
 * The audience of the service-account token the CSI driver hands to providers. The AWS
 * provider exchanges the pod's own projected token for the pod's IRSA role with
 * `sts:AssumeRoleWithWebIdentity`, which only accepts tokens for `sts.amazonaws.com`;
 * without a `tokenRequests` entry the driver passes no token and every mount fails with
 * "serviceAccount.tokens not provided".
 */
export const IRSA_TOKEN_AUDIENCE = "sts.amazonaws.com";

/**
 * The Kubernetes cluster autoscaler (the AWS provider: auto-discovery of the managed node
 * group's Auto Scaling group). Chart 9.59.0 is the current release (appVersion 1.35.0);
 * the image tag follows the cluster's Kubernetes minor, {@link CLUSTER_AUTOSCALER_IMAGE_TAGS}.
 */
export const CLUSTER_AUTOSCALER: PinnedChart = {
  chart: "cluster-autoscaler",
  version: "9.59.0",
  repo: "https://kubernetes.github.io/autoscaler",
};

/**
 * The cluster-autoscaler image per Kubernetes minor: the autoscaler supports exactly the
 * Kubernetes minor it is named after, so the tag must match the cluster's version (latest
 * patch of each line promoted to registry.k8s.io/autoscaling/cluster-autoscaler, 2026-07).
 */
const CLUSTER_AUTOSCALER_IMAGE_TAGS: Readonly<Record<string, string>> = {
  "1.32": "v1.32.5",
  "1.33": "v1.33.5",
  "1.34": "v1.34.4",
  "1.35": "v1.35.1",
  "1.36": "v1.36.0",
};

/** The cluster-autoscaler image tag for a Kubernetes version (`1.34` → `v1.34.4`). */
export function clusterAutoscalerImageTag(kubernetesVersion: string): string {
  const tag = CLUSTER_AUTOSCALER_IMAGE_TAGS[kubernetesVersion];
  if (!tag) throw new Error(`No cluster-autoscaler image is pinned for Kubernetes ${kubernetesVersion}: add it to CLUSTER_AUTOSCALER_IMAGE_TAGS`);
  return tag;
}
