import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";
import { AS_OF_CONFIG_SCHEMA, CalendarConfig, supportProblem } from "../../../lib/supportCalendar";

/** The cluster runs a pinned Kubernetes version that is still in EKS standard support. */
export const awsEksClusterSupportedVersion = resourcePolicy(
  {
    name: "aws-eks-cluster-supported-version",
    description:
      "EKS clusters pin a Kubernetes version that is still in EKS standard support on the configured as-of date of the support calendar (no extended-support surcharge, no forced upgrade).",
    severity: "medium",
    remediationSteps: "Set version on the cluster to a Kubernetes version in standard support (with its add-on matrix) and upgrade before it leaves standard support.",
    frameworks: ["CKV_AWS_339", "FSBP EKS.2"],
    configSchema: AS_OF_CONFIG_SCHEMA,
  },
  aws.eks.Cluster,
  (c, args) => {
    const { asOf } = args.getConfig<CalendarConfig>();
    if (!c.version) return "version is not pinned, so the cluster gets whatever version EKS defaults to.";
    return supportProblem("eks", String(c.version), asOf);
  },
);
