import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

interface Config {
  /** The oldest Kubernetes minor version still in standard support, e.g. `1.31`. */
  readonly minimumVersion: string;
}

function minor(version: string): number {
  const m = /^1\.(\d+)/.exec(version);
  return m ? Number(m[1]) : -1;
}

/** The cluster runs a pinned, supported Kubernetes version. */
export const awsEksClusterSupportedVersion = resourcePolicy(
  {
    name: "aws-eks-cluster-supported-version",
    description: "EKS clusters pin a Kubernetes version that is still in standard support (at least the configured minimum version).",
    severity: "medium",
    remediationSteps: "Set version on the cluster to a supported Kubernetes version and upgrade before it leaves standard support.",
    frameworks: ["CKV_AWS_339", "FSBP EKS.2"],
    configSchema: { properties: { minimumVersion: { type: "string", pattern: "^1\\.\\d+$", default: "1.31" } } },
  },
  aws.eks.Cluster,
  (c, args) => {
    const { minimumVersion } = args.getConfig<Config>();
    if (!c.version) return "version is not pinned, so the cluster gets whatever version EKS defaults to.";
    return minor(c.version) < minor(minimumVersion) ? `version ${c.version} is older than the minimum supported ${minimumVersion}.` : undefined;
  },
);
