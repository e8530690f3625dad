import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";
import { AS_OF_CONFIG_SCHEMA, CalendarConfig, supportProblem } from "../../../lib/supportCalendar";

/** An EKS add-on build: `v<semver>-eksbuild.<n>`. */
const EKS_BUILD = /^v(\d+)\.(\d+)\.(\d+)-eksbuild\.\d+$/;

/**
 * EKS add-ons are pinned to an `eksbuild` version; kube-proxy, whose version is the
 * Kubernetes version it serves, is built for a Kubernetes version still in standard support.
 */
export const awsEksAddonSupportedVersion = resourcePolicy(
  {
    name: "aws-eks-addon-supported-version",
    description:
      "EKS add-ons pin an exact eksbuild version (v<x.y.z>-eksbuild.<n>), and kube-proxy's version (the Kubernetes version it is built for) is in EKS standard support on the configured as-of date of the support calendar.",
    severity: "medium",
    remediationSteps: "Pin addonVersion to the build `aws eks describe-addon-versions --kubernetes-version <cluster version>` lists for the cluster's version, and move add-ons with the cluster.",
    frameworks: ["platform"],
    configSchema: AS_OF_CONFIG_SCHEMA,
  },
  aws.eks.Addon,
  (addon, args) => {
    const { asOf } = args.getConfig<CalendarConfig>();
    if (!addon.addonVersion) return `addon ${addon.addonName} has no addonVersion, so EKS installs its default build for whatever version the cluster runs.`;
    const m = EKS_BUILD.exec(String(addon.addonVersion));
    if (!m) return `addon ${addon.addonName} version ${addon.addonVersion} is not an eksbuild version (v<x.y.z>-eksbuild.<n>).`;
    if (addon.addonName !== "kube-proxy") return undefined;
    return supportProblem("eks", `${m[1]}.${m[2]}`, asOf)?.replace(/^EKS Kubernetes version/, `kube-proxy ${addon.addonVersion} is built for EKS Kubernetes version`);
  },
);
