import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** Kafka traffic is TLS between clients and brokers and inside the cluster. */
export const awsMskClusterEncryptionInTransit = resourcePolicy(
  {
    name: "aws-msk-cluster-encryption-in-transit",
    description: "MSK clusters accept TLS only from clients and encrypt traffic between brokers.",
    severity: "high",
    remediationSteps: "Set encryptionInfo.encryptionInTransit.clientBroker to TLS and inCluster to true (or leave them at their defaults).",
    frameworks: ["NAG MSK2", "NAG MSK3", "CKV_AWS_81", "FSBP MSK.1"],
    seed: true,
  },
  aws.msk.Cluster,
  (c) => {
    const transit = c.encryptionInfo?.encryptionInTransit;
    const clientBroker = transit?.clientBroker ?? "TLS";
    return [
      clientBroker !== "TLS" && `encryptionInTransit.clientBroker is ${clientBroker}; it must be TLS.`,
      transit?.inCluster === false && "encryptionInTransit.inCluster is false.",
    ];
  },
);
