import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** Brokers are not reachable from the internet. */
export const awsMskClusterNoPublicAccess = resourcePolicy(
  {
    name: "aws-msk-cluster-no-public-access",
    description: "MSK brokers have public access disabled.",
    severity: "critical",
    remediationSteps: "Leave brokerNodeGroupInfo.connectivityInfo.publicAccess unset or set its type to DISABLED.",
    frameworks: ["CKV_AWS_291", "FSBP MSK.4"],
  },
  aws.msk.Cluster,
  (c) => {
    const type = c.brokerNodeGroupInfo?.connectivityInfo?.publicAccess?.type ?? "DISABLED";
    return type !== "DISABLED" ? `brokerNodeGroupInfo.connectivityInfo.publicAccess.type is ${type}.` : undefined;
  },
);
