/** The EKS add-ons the cluster installs, pinned per version in {@link EKS_VERSIONS}. */
export const EKS_ADDONS = ["vpc-cni", "kube-proxy", "coredns", "aws-ebs-csi-driver", "amazon-cloudwatch-observability"] as const;
export type EksAddonName = (typeof EKS_ADDONS)[number];

/**
 * The EKS versions this program supports, each with the EKS add-on versions it was
 * tested with. Only versions in EKS standard support are listed (CKV_AWS_339; the
 * support calendar in policies/lib/supportCalendar.ts holds the end dates, and a test
 * checks every version here against it); adding one means adding its add-on matrix here.
 *
 * 1.34 left standard support on 2026-12-02, so 1.35 (standard support until 2027-03-27)
 * and 1.36 are offered. Add-on versions are the `eksbuild` builds published for that
 * Kubernetes version, as pinned by public EKS 1.35/1.36 configurations (Terraform and
 * upgrade runbooks); confirmed 2026-12-02. Check them with
 * `aws eks describe-addon-versions --kubernetes-version <v> --addon-name <name>`.
 *
 * amazon-cloudwatch-observability (Container Insights, the alarms' pod metrics) is one
 * build for both: v6.7.0-eksbuild.1, the newest compatible build EKS returned for 1.36
 * clusters in public add-on reviews and pins of 2026-09/10 (alongside this table's 1.36
 * kube-proxy and CoreDNS builds); the add-on's builds are not per Kubernetes minor.
 */
export const EKS_VERSIONS = {
  "1.35": {
    "vpc-cni": "v1.21.1-eksbuild.3",
    "kube-proxy": "v1.35.0-eksbuild.2",
    coredns: "v1.13.2-eksbuild.1",
    "aws-ebs-csi-driver": "v1.55.0-eksbuild.2",
    "amazon-cloudwatch-observability": "v6.7.0-eksbuild.1",
  },
  "1.36": {
    "vpc-cni": "v1.23.1-eksbuild.1",
    "kube-proxy": "v1.36.0-eksbuild.25",
    coredns: "v1.14.3-eksbuild.23",
    "aws-ebs-csi-driver": "v1.66.0-eksbuild.1",
    "amazon-cloudwatch-observability": "v6.7.0-eksbuild.1",
  },
} as const satisfies Record<string, Record<EksAddonName, string>>;
export type EksVersion = keyof typeof EKS_VERSIONS;
