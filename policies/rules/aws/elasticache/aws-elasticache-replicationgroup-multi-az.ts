import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** Redis survives the loss of a node or an AZ. */
export const awsElasticacheReplicationGroupMultiAz = resourcePolicy(
  {
    name: "aws-elasticache-replicationgroup-multi-az",
    description: "ElastiCache replication groups have at least two nodes, Multi-AZ and automatic failover (required in prod, advisory in dev).",
    severity: "medium",
    remediationSteps: "Set numCacheClusters to 2 or more (or replicasPerNodeGroup to 1 or more), multiAzEnabled and automaticFailoverEnabled to true.",
    frameworks: ["NAG AEC4", "FSBP ElastiCache.3"],
    availability: true,
  },
  aws.elasticache.ReplicationGroup,
  (rg) => {
    const nodes = rg.numCacheClusters ?? 1 + (rg.replicasPerNodeGroup ?? 0);
    return [nodes < 2 && `The group has ${nodes} node(s); it needs at least 2.`, rg.multiAzEnabled !== true && "multiAzEnabled is not true.", rg.automaticFailoverEnabled !== true && "automaticFailoverEnabled is not true."];
  },
);
