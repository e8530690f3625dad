import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** Redis clients authenticate. */
export const awsElasticacheReplicationGroupAuth = resourcePolicy(
  {
    name: "aws-elasticache-replicationgroup-auth",
    description: "ElastiCache replication groups require authentication, with an AUTH token or RBAC user groups.",
    severity: "high",
    remediationSteps: "Set userGroupIds to an RBAC user group, or authToken (as a secret) with transit encryption on.",
    frameworks: ["NAG AEC6", "CKV_AWS_31", "FSBP ElastiCache.6"],
  },
  aws.elasticache.ReplicationGroup,
  (rg) => (!rg.authToken && (rg.userGroupIds ?? []).length === 0 ? "Neither authToken nor userGroupIds is set." : undefined),
);
