// Rotates the AUTH token of an ElastiCache (Redis OSS) replication group stored in a
// Secrets Manager secret. The secret's JSON holds {replicationGroupId, host, port, authToken}.
//
// Steps (the Secrets Manager rotation contract):
//   createSecret  - stage a new random token as AWSPENDING (idempotent per version).
//   setSecret     - when the group still accepts the token from the rotation before (the
//                   current version records it as previousAuthToken), drop it first (SET
//                   to AWSCURRENT); then add the pending one (ROTATE): both current and
//                   pending are accepted, so clients holding the current token keep working
//                   until they reload it.
//   testSecret    - the group reports the pending token's update as applied.
//   finishSecret  - move AWSCURRENT to the pending version.
import { randomBytes } from "node:crypto";
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { DescribeReplicationGroupsCommand, ElastiCacheClient, ModifyReplicationGroupCommand } from "@aws-sdk/client-elasticache";

const secrets = new SecretsManagerClient({});
const elasticache = new ElastiCacheClient({});
const POLL_MS = 15_000;

/**
 * 64 characters from [A-Za-z0-9]: inside Redis's printable-ASCII rules, no @ " / or spaces.
 * Each character is uniform over the 62: bytes from 248 up are dropped (248 = 4 × 62), so
 * `b % 62` does not favour the first 8 characters.
 */
export function newToken() {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const limit = 256 - (256 % alphabet.length);
  let token = "";
  while (token.length < 64) {
    for (const b of randomBytes(64)) if (b < limit && token.length < 64) token += alphabet[b % alphabet.length];
  }
  return token;
}

async function value(secretId, stage, versionId) {
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage, VersionId: versionId }));
  return JSON.parse(out.SecretString);
}

async function waitAvailable(groupId, deadline) {
  for (;;) {
    const out = await elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: groupId }));
    const group = out.ReplicationGroups?.[0];
    if (group?.Status === "available" && !group.PendingModifiedValues?.AuthTokenStatus) return;
    if (Date.now() > deadline) throw new Error(`replication group ${groupId} still ${group?.Status}; the rotation will be retried`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function modify(groupId, token, strategy, deadline) {
  await waitAvailable(groupId, deadline);
  await elasticache.send(
    new ModifyReplicationGroupCommand({ ReplicationGroupId: groupId, AuthToken: token, AuthTokenUpdateStrategy: strategy, ApplyImmediately: true }),
  );
  await waitAvailable(groupId, deadline);
}

export async function handler(event, context) {
  const { SecretId: secretId, ClientRequestToken: token, Step: step } = event;
  const meta = await secrets.send(new DescribeSecretCommand({ SecretId: secretId }));
  if (!meta.RotationEnabled) throw new Error(`secret ${secretId} does not have rotation enabled`);
  const stages = meta.VersionIdsToStages?.[token];
  if (!stages) throw new Error(`secret version ${token} has no stage for rotation of ${secretId}`);
  if (stages.includes("AWSCURRENT")) return; // already done
  if (!stages.includes("AWSPENDING")) throw new Error(`secret version ${token} is not AWSPENDING for ${secretId}`);
  const deadline = Date.now() + context.getRemainingTimeInMillis() - 30_000;

  switch (step) {
    case "createSecret": {
      const current = await value(secretId, "AWSCURRENT");
      try {
        await value(secretId, "AWSPENDING", token);
      } catch (err) {
        if (err.name !== "ResourceNotFoundException") throw err;
        await secrets.send(
          new PutSecretValueCommand({
            SecretId: secretId,
            ClientRequestToken: token,
            SecretString: JSON.stringify({ ...current, authToken: newToken(), previousAuthToken: current.authToken }),
            VersionStages: ["AWSPENDING"],
          }),
        );
      }
      return;
    }
    case "setSecret": {
      const current = await value(secretId, "AWSCURRENT");
      const pending = await value(secretId, "AWSPENDING", token);
      if (current.previousAuthToken) await modify(current.replicationGroupId, current.authToken, "SET", deadline);
      await modify(current.replicationGroupId, pending.authToken, "ROTATE", deadline);
      return;
    }
    case "testSecret": {
      const pending = await value(secretId, "AWSPENDING", token);
      await waitAvailable(pending.replicationGroupId, deadline);
      const out = await elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: pending.replicationGroupId }));
      if (!out.ReplicationGroups?.[0]?.AuthTokenEnabled) throw new Error(`replication group ${pending.replicationGroupId} has AUTH disabled`);
      return;
    }
    case "finishSecret": {
      const currentVersion = Object.entries(meta.VersionIdsToStages).find(([, s]) => s.includes("AWSCURRENT"))?.[0];
      await secrets.send(
        new UpdateSecretVersionStageCommand({ SecretId: secretId, VersionStage: "AWSCURRENT", MoveToVersionId: token, RemoveFromVersionId: currentVersion }),
      );
      return;
    }
    default:
      throw new Error(`unknown rotation step ${step}`);
  }
}
