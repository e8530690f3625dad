/** A Helm chart pinned to one version, with the repository it comes from. */
export interface PinnedChart {
  readonly chart: string;
  readonly version: string;
  readonly repo: string;
}

/** metrics-server (the HPAs' resource metrics). */
export const METRICS_SERVER: PinnedChart = {
  chart: "metrics-server",
  version: "3.13.0",
  repo: "https://kubernetes-sigs.github.io/metrics-server/",
};

/** The Secrets Store CSI driver: mounts external secrets into pods as files. */
export const SECRETS_STORE_CSI_DRIVER: PinnedChart = {
  chart: "secrets-store-csi-driver",
  version: "1.6.1",
  repo: "https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts",
};

/** The AWS provider (ASCP) of the Secrets Store CSI driver: Secrets Manager through IRSA. */
export const SECRETS_STORE_AWS_PROVIDER: PinnedChart = {
  chart: "secrets-store-csi-driver-provider-aws",
  version: "3.1.4",
  repo: "https://aws.github.io/secrets-store-csi-driver-provider-aws",
};
