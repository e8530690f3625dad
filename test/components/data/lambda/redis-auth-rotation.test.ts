import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ROTATION_CODE_DIR, ROTATION_RUNTIME } from "../../../../components/data/Cache";

/**
 * The Redis AUTH rotation code is packaged as is (no bundling, no node_modules), so it
 * must run on the runtime's own Node.js and bundled SDK: nodejs24.x supports ES modules
 * and async handlers, bundles the AWS SDK for JavaScript v3, and no longer supports
 * callback-style handlers.
 */
describe("the Redis AUTH rotation Lambda code", () => {
  const files = fs.readdirSync(ROTATION_CODE_DIR);
  const source = fs.readFileSync(path.join(ROTATION_CODE_DIR, "index.mjs"), "utf8");

  it("runs on a Node.js runtime Lambda still accepts", () => {
    expect(ROTATION_RUNTIME).toBe("nodejs24.x");
  });

  it("is one ES module with nothing to install", () => {
    expect(files).toEqual(["index.mjs"]);
  });

  it("imports only Node built-ins and the SDK v3 clients the runtime bundles", () => {
    const imports = [...source.matchAll(/^import\s[^;]*?from\s+"([^"]+)";/gms)].map((m) => m[1]).sort();
    expect(imports).toEqual(["@aws-sdk/client-elasticache", "@aws-sdk/client-secrets-manager", "node:crypto"]);
    expect(source).not.toMatch(/\brequire\(/);
  });

  it("exports an async handler without a callback parameter (nodejs24.x has no callback handlers)", () => {
    expect(source).toMatch(/^export async function handler\(event, context\) \{$/m);
  });
});

/*
 * The handler itself, through the four steps of the Secrets Manager rotation contract,
 * with the two SDK v3 clients it imports replaced by fakes (virtual modules: the SDK is
 * bundled by the Lambda runtime and not installed here). The fakes keep state the way the
 * services do: Secrets Manager versions and their staging labels, and the AUTH tokens a
 * replication group accepts (ElastiCache: `SET` is only allowed after a `ROTATE`; the fake
 * also refuses a `ROTATE` that would make a third token, which the handler must never need).
 */
type Stages = string[];
interface FakeVersion {
  stages: Stages;
  value?: string;
}
interface SdkCommand {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

const world = vi.hoisted(() => ({
  calls: [] as { name: string; input: Record<string, unknown> }[],
  send: {
    secrets: (_c: { name: string; input: Record<string, unknown> }): Promise<unknown> => Promise.reject(new Error("no fake")),
    elasticache: (_c: { name: string; input: Record<string, unknown> }): Promise<unknown> => Promise.reject(new Error("no fake")),
  },
}));

vi.mock("@aws-sdk/client-secrets-manager", () => {
  const command = (name: string) =>
    class {
      readonly name = name;
      constructor(readonly input: Record<string, unknown>) {}
    };
  return {
    SecretsManagerClient: class {
      send(c: SdkCommand) {
        world.calls.push({ name: c.name, input: c.input });
        return world.send.secrets(c);
      }
    },
    DescribeSecretCommand: command("DescribeSecret"),
    GetSecretValueCommand: command("GetSecretValue"),
    PutSecretValueCommand: command("PutSecretValue"),
    UpdateSecretVersionStageCommand: command("UpdateSecretVersionStage"),
  };
});
vi.mock("@aws-sdk/client-elasticache", () => {
  const command = (name: string) =>
    class {
      readonly name = name;
      constructor(readonly input: Record<string, unknown>) {}
    };
  return {
    ElastiCacheClient: class {
      send(c: SdkCommand) {
        world.calls.push({ name: c.name, input: c.input });
        return world.send.elasticache(c);
      }
    },
    DescribeReplicationGroupsCommand: command("DescribeReplicationGroups"),
    ModifyReplicationGroupCommand: command("ModifyReplicationGroup"),
  };
});

const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:platform-prod/redis/auth-abc";
const GROUP = "platform-prod-redis";
const INITIAL = { replicationGroupId: GROUP, host: "master.platform-prod-redis.abc.use1.cache.amazonaws.com", port: 6379, authToken: "initial-token-from-pulumi-0000000" };

function awsError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

/** Secrets Manager, for one secret: versions, staging labels, values. */
class FakeSecretsManager {
  rotationEnabled = true;
  readonly versions = new Map<string, FakeVersion>([["v0", { stages: ["AWSCURRENT"], value: JSON.stringify(INITIAL) }]]);
  failGet?: Error;

  /** What RotateSecret does before it calls the function: a new version labelled AWSPENDING, without a value. */
  startRotation(token: string): void {
    this.moveStage("AWSPENDING", token);
  }

  /** What Secrets Manager does once finishSecret returned: the rotated version keeps AWSCURRENT only. */
  completeRotation(token: string): void {
    const v = this.versions.get(token)!;
    v.stages = v.stages.filter((s) => s !== "AWSPENDING");
  }

  byStage(stage: string): [string, FakeVersion] | undefined {
    return [...this.versions.entries()].find(([, v]) => v.stages.includes(stage));
  }

  value(stage: string): Record<string, unknown> {
    return JSON.parse(this.byStage(stage)![1].value!);
  }

  private moveStage(stage: string, to: string): void {
    for (const v of this.versions.values()) v.stages = v.stages.filter((s) => s !== stage);
    const target = this.versions.get(to) ?? { stages: [] };
    target.stages.push(stage);
    this.versions.set(to, target);
  }

  async send(c: SdkCommand): Promise<unknown> {
    const i = c.input as Record<string, string | string[] | undefined>;
    expect(i.SecretId).toBe(SECRET);
    switch (c.name) {
      case "DescribeSecret":
        return { RotationEnabled: this.rotationEnabled, VersionIdsToStages: Object.fromEntries([...this.versions].map(([id, v]) => [id, [...v.stages]])) };
      case "GetSecretValue": {
        if (this.failGet) throw this.failGet;
        const found = i.VersionId ? this.versions.get(i.VersionId as string) : this.byStage(i.VersionStage as string)?.[1];
        if (!found || found.value === undefined || (i.VersionStage && !found.stages.includes(i.VersionStage as string))) {
          throw awsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret value");
        }
        return { SecretString: found.value };
      }
      case "PutSecretValue": {
        const id = i.ClientRequestToken as string;
        const existing = this.versions.get(id);
        if (existing?.value !== undefined && existing.value !== i.SecretString) throw awsError("ResourceExistsException", `version ${id} already has a different value`);
        this.versions.set(id, { stages: existing?.stages ?? [], value: i.SecretString as string });
        for (const s of i.VersionStages as string[]) this.moveStage(s, id);
        return {};
      }
      case "UpdateSecretVersionStage": {
        const stage = i.VersionStage as string;
        const holder = this.byStage(stage)?.[0];
        if (holder !== undefined && holder !== i.RemoveFromVersionId) throw awsError("InvalidParameterException", `${stage} is attached to ${holder}, not ${i.RemoveFromVersionId}`);
        this.moveStage(stage, i.MoveToVersionId as string);
        if (stage === "AWSCURRENT" && holder !== undefined) this.moveStage("AWSPREVIOUS", holder);
        return {};
      }
    }
    throw new Error(`unexpected Secrets Manager command ${c.name}`);
  }
}

/** ElastiCache, for one replication group: the AUTH tokens it accepts and how it got them. */
class FakeElastiCache {
  tokens: string[] = [INITIAL.authToken];
  last: "create" | "ROTATE" | "SET" = "create";
  authTokenEnabled = true;
  /** How many describes report the group as modifying after each change. */
  modifyingPolls = 0;
  private pendingPolls = 0;

  async send(c: SdkCommand): Promise<unknown> {
    const i = c.input as Record<string, string | boolean>;
    expect(i.ReplicationGroupId).toBe(GROUP);
    if (c.name === "DescribeReplicationGroups") {
      const modifying = this.pendingPolls > 0;
      if (modifying) this.pendingPolls--;
      return {
        ReplicationGroups: [
          { ReplicationGroupId: GROUP, Status: modifying ? "modifying" : "available", AuthTokenEnabled: this.authTokenEnabled, PendingModifiedValues: modifying ? { AuthTokenStatus: "ROTATING" } : {} },
        ],
      };
    }
    if (c.name === "ModifyReplicationGroup") {
      if (this.pendingPolls > 0) throw awsError("InvalidReplicationGroupStateFault", "the group is not available");
      expect(i.ApplyImmediately).toBe(true);
      const token = i.AuthToken as string;
      if (i.AuthTokenUpdateStrategy === "SET") {
        if (this.last !== "ROTATE") throw awsError("InvalidParameterCombinationException", "SET is allowed only after ROTATE");
        this.tokens = [token];
      } else if (i.AuthTokenUpdateStrategy === "ROTATE") {
        if (!this.tokens.includes(token)) {
          if (this.tokens.length === 2) throw awsError("InvalidParameterCombinationException", "the group already accepts two AUTH tokens");
          this.tokens = [...this.tokens, token];
        }
      } else throw new Error(`unexpected strategy ${i.AuthTokenUpdateStrategy}`);
      this.last = i.AuthTokenUpdateStrategy;
      this.pendingPolls = this.modifyingPolls;
      return {};
    }
    throw new Error(`unexpected ElastiCache command ${c.name}`);
  }
}

describe("the Redis AUTH rotation handler", () => {
  type Handler = (event: { SecretId: string; ClientRequestToken: string; Step: string }, context: { getRemainingTimeInMillis(): number }) => Promise<void>;
  let handler: Handler;
  let newToken: () => string;
  let sm: FakeSecretsManager;
  let ec: FakeElastiCache;
  const context = { getRemainingTimeInMillis: () => 900_000 };
  const STEPS = ["createSecret", "setSecret", "testSecret", "finishSecret"] as const;
  const step = (Step: string, token: string) => handler({ SecretId: SECRET, ClientRequestToken: token, Step }, context);
  const callsOf = async (run: () => Promise<void>) => {
    world.calls.length = 0;
    await run();
    return world.calls.map((c) => c.name);
  };
  const modifications = () => world.calls.filter((c) => c.name === "ModifyReplicationGroup").map((c) => [c.input.AuthTokenUpdateStrategy, c.input.AuthToken]);
  /** Every client holding the AWSCURRENT token must still be admitted. */
  const clientsStillConnect = () => expect(ec.tokens).toContain(sm.value("AWSCURRENT").authToken);
  const rotate = async (token: string) => {
    sm.startRotation(token);
    for (const s of STEPS) {
      await step(s, token);
      clientsStillConnect();
    }
    sm.completeRotation(token);
  };

  beforeAll(async () => {
    const mod = await import(path.join(ROTATION_CODE_DIR, "index.mjs"));
    handler = mod.handler;
    newToken = mod.newToken;
  });
  beforeEach(() => {
    sm = new FakeSecretsManager();
    ec = new FakeElastiCache();
    world.send.secrets = (c) => sm.send(c as SdkCommand);
    world.send.elasticache = (c) => ec.send(c as SdkCommand);
    world.calls.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it("makes 64-character alphanumeric tokens, a new one each time", () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(newToken()).not.toBe(a);
  });

  it("draws every character uniformly (no modulo bias towards the first 8 of the 62)", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2_000; i++) for (const ch of newToken()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const mean = (chars: string) => [...chars].reduce((sum, ch) => sum + (counts.get(ch) ?? 0), 0) / chars.length;
    // 128,000 draws: ~2,065 per character (sd ~45); with `b % 62` on raw bytes the first 8 get 5/4 of the rest.
    expect(counts.size).toBe(62);
    expect(mean("ABCDEFGH") / mean("IJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")).toBeLessThan(1.08);
  });

  it("createSecret stages a new token as AWSPENDING, keeping the endpoint and recording the token it replaces", async () => {
    sm.startRotation("v1");
    expect(await callsOf(() => step("createSecret", "v1"))).toEqual(["DescribeSecret", "GetSecretValue", "GetSecretValue", "PutSecretValue"]);
    const put = world.calls[3].input;
    expect(put).toMatchObject({ SecretId: SECRET, ClientRequestToken: "v1", VersionStages: ["AWSPENDING"] });
    const pending = JSON.parse(put.SecretString as string);
    expect(pending).toEqual({ ...INITIAL, authToken: expect.stringMatching(/^[A-Za-z0-9]{64}$/), previousAuthToken: INITIAL.authToken });
    expect(sm.versions.get("v1")).toEqual({ stages: ["AWSPENDING"], value: put.SecretString });
    expect(sm.value("AWSCURRENT")).toEqual(INITIAL);
    expect(ec.tokens).toEqual([INITIAL.authToken]);
  });

  it("the first rotation adds the new token with ROTATE only (the group was created with its token: SET is not allowed yet), then moves AWSCURRENT", async () => {
    sm.startRotation("v1");
    await step("createSecret", "v1");
    const t1 = JSON.parse(sm.versions.get("v1")!.value!).authToken;

    await callsOf(() => step("setSecret", "v1"));
    expect(modifications()).toEqual([["ROTATE", t1]]);
    expect(ec.tokens).toEqual([INITIAL.authToken, t1]);

    expect(await callsOf(() => step("testSecret", "v1"))).toEqual(["DescribeSecret", "GetSecretValue", "DescribeReplicationGroups", "DescribeReplicationGroups"]);
    expect(await callsOf(() => step("finishSecret", "v1"))).toEqual(["DescribeSecret", "UpdateSecretVersionStage"]);
    expect(world.calls[1].input).toEqual({ SecretId: SECRET, VersionStage: "AWSCURRENT", MoveToVersionId: "v1", RemoveFromVersionId: "v0" });
    expect(sm.versions.get("v1")!.stages).toContain("AWSCURRENT");
    expect(sm.versions.get("v0")!.stages).toEqual(["AWSPREVIOUS"]);
    expect(sm.value("AWSCURRENT").authToken).toBe(t1);
    // Clients that have not re-read the secret yet still connect with the old token.
    expect(ec.tokens).toContain(INITIAL.authToken);
  });

  it("the next rotation first drops the token from before (SET to the current one), then adds the new one (ROTATE)", async () => {
    await rotate("v1");
    const t1 = sm.value("AWSCURRENT").authToken as string;
    sm.startRotation("v2");
    await step("createSecret", "v2");
    const t2 = JSON.parse(sm.versions.get("v2")!.value!).authToken;
    expect(JSON.parse(sm.versions.get("v2")!.value!).previousAuthToken).toBe(t1);

    await callsOf(() => step("setSecret", "v2"));
    expect(modifications()).toEqual([
      ["SET", t1],
      ["ROTATE", t2],
    ]);
    expect(ec.tokens).toEqual([t1, t2]);
    clientsStillConnect();
    await step("testSecret", "v2");
    await step("finishSecret", "v2");
    expect(sm.value("AWSCURRENT").authToken).toBe(t2);
    expect(ec.tokens).not.toContain(INITIAL.authToken);

    // And so on: the group never holds more than the current and the previous token.
    await rotate("v3");
    await rotate("v4");
    expect(ec.tokens).toEqual([sm.value("AWSPREVIOUS").authToken, sm.value("AWSCURRENT").authToken]);
  });

  it("every step can run again (Secrets Manager retries a failed invocation) and reaches the same state", async () => {
    await rotate("v1");
    sm.startRotation("v2");
    await step("createSecret", "v2");
    const staged = sm.versions.get("v2")!.value;
    expect(await callsOf(() => step("createSecret", "v2"))).toEqual(["DescribeSecret", "GetSecretValue", "GetSecretValue"]);
    expect(sm.versions.get("v2")!.value).toBe(staged);

    await step("setSecret", "v2");
    const tokens = [...ec.tokens];
    await step("setSecret", "v2");
    expect(ec.tokens).toEqual(tokens);
    clientsStillConnect();
    await step("testSecret", "v2");
    await step("testSecret", "v2");
    await step("finishSecret", "v2");
    // Once the version is AWSCURRENT, every step is done: nothing but the describe.
    for (const s of STEPS) expect(await callsOf(() => step(s, "v2"))).toEqual(["DescribeSecret"]);
    expect(sm.versions.get("v2")!.stages).toContain("AWSCURRENT");
    expect(sm.versions.get("v1")!.stages).toEqual(["AWSPREVIOUS"]);
  });

  it("a retried setSecret of the first rotation does not add a third token", async () => {
    sm.startRotation("v1");
    await step("createSecret", "v1");
    await step("setSecret", "v1");
    await step("setSecret", "v1");
    expect(ec.tokens).toHaveLength(2);
  });

  it("refuses a secret without rotation, a version the secret does not have, and a version that is not AWSPENDING", async () => {
    sm.rotationEnabled = false;
    await expect(step("createSecret", "v1")).rejects.toThrow(`secret ${SECRET} does not have rotation enabled`);
    sm.rotationEnabled = true;
    await expect(step("createSecret", "unknown-token")).rejects.toThrow(`secret version unknown-token has no stage for rotation of ${SECRET}`);
    await rotate("v1");
    sm.startRotation("v2");
    // v0 is now AWSPREVIOUS only.
    await expect(step("setSecret", "v0")).rejects.toThrow(`secret version v0 is not AWSPENDING for ${SECRET}`);
    expect(world.calls.some((c) => c.name === "ModifyReplicationGroup" && c.input.AuthToken === INITIAL.authToken)).toBe(false);
    await expect(step("rotateEverything", "v2")).rejects.toThrow("unknown rotation step rotateEverything");
  });

  it("createSecret rethrows any error but a missing pending value, and stages nothing", async () => {
    sm.startRotation("v1");
    sm.failGet = awsError("AccessDeniedException", "not allowed to read the secret");
    await expect(step("createSecret", "v1")).rejects.toThrow("not allowed to read the secret");
    expect(world.calls.map((c) => c.name)).not.toContain("PutSecretValue");
    expect(sm.versions.get("v1")!.value).toBeUndefined();
  });

  it("testSecret fails when the group has AUTH disabled, and the secret stays as it was", async () => {
    sm.startRotation("v1");
    await step("createSecret", "v1");
    await step("setSecret", "v1");
    ec.authTokenEnabled = false;
    await expect(step("testSecret", "v1")).rejects.toThrow(`replication group ${GROUP} has AUTH disabled`);
    expect(sm.versions.get("v0")!.stages).toEqual(["AWSCURRENT"]);
  });

  it("waits for the group to become available between changes, and gives up before the function's timeout", async () => {
    await rotate("v1");
    ec.modifyingPolls = 2;
    sm.startRotation("v2");
    await step("createSecret", "v2");
    vi.useFakeTimers();
    world.calls.length = 0;
    const done = step("setSecret", "v2");
    await vi.advanceTimersByTimeAsync(5 * 15_000);
    await done;
    expect(modifications().map(([s]) => s)).toEqual(["SET", "ROTATE"]);
    expect(world.calls.filter((c) => c.name === "DescribeReplicationGroups").length).toBeGreaterThanOrEqual(2 + 2 * 2);

    ec.modifyingPolls = 1_000;
    sm.startRotation("v3");
    await step("createSecret", "v3");
    const short = { getRemainingTimeInMillis: () => 60_000 };
    const failed = handler({ SecretId: SECRET, ClientRequestToken: "v3", Step: "setSecret" }, short).catch((e: Error) => e);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(await failed).toEqual(new Error(`replication group ${GROUP} still modifying; the rotation will be retried`));
  });
});
