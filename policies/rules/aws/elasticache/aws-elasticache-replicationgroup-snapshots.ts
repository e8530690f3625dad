import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** Redis keeps snapshots. */
export const awsElasticacheReplicationGroupSnapshots = resourcePolicy(
  {
    name: "aws-elasticache-replicationgroup-snapshots",
    description: "ElastiCache replication groups retain automatic snapshots (snapshotRetentionLimit greater than 0).",
    severity: "low",
    remediationSteps: "Set snapshotRetentionLimit to the number of days to keep snapshots.",
    frameworks: ["CKV_AWS_134", "FSBP ElastiCache.1"],
  },
  aws.elasticache.ReplicationGroup,
  (rg) => (!(Number(rg.snapshotRetentionLimit) > 0) ? `snapshotRetentionLimit is ${rg.snapshotRetentionLimit ?? "not set"}; it must be greater than 0.` : undefined),
);
