import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

const ALL = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/** All five control-plane log types are on. */
export const awsEksClusterControlPlaneLogs = resourcePolicy(
  {
    name: "aws-eks-cluster-control-plane-logs",
    description: "EKS clusters send all five control-plane log types (api, audit, authenticator, controllerManager, scheduler) to CloudWatch Logs.",
    severity: "medium",
    remediationSteps: "Set enabledClusterLogTypes to all five log types.",
    frameworks: ["NAG EKS2", "CKV_AWS_37", "FSBP EKS.8"],
  },
  aws.eks.Cluster,
  (c) => {
    const missing = ALL.filter((t) => !(c.enabledClusterLogTypes ?? []).includes(t));
    return missing.length > 0 ? `enabledClusterLogTypes is missing ${missing.join(", ")}.` : undefined;
  },
);
