import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { brokerHosts } from "../../../components/data/bindings";
import { eventRoutes } from "../../../components/data/EventBus";
import { serverProperties } from "../../../components/data/Kafka";
import { MAX_BUCKET_NAME, bucketName } from "../../../components/data/SecureBucket";
import { posixUid } from "../../../components/data/SharedFilesystem";

describe("data-tier helpers", () => {
  it("derives every broker's host from the bootstrap string", () => {
    expect(brokerHosts("b-2.c.x1.c2.kafka.us-east-1.amazonaws.com:9098,b-1.c.x1.c2.kafka.us-east-1.amazonaws.com:9098", 3)).toEqual([
      "b-1.c.x1.c2.kafka.us-east-1.amazonaws.com",
      "b-2.c.x1.c2.kafka.us-east-1.amazonaws.com",
      "b-3.c.x1.c2.kafka.us-east-1.amazonaws.com",
    ]);
  });

  it("routes each published event to its consumers, including the publisher itself", () => {
    const e = (publishes: string[], consumes: string[]) => ({ events: { publishes, consumes } });
    expect(eventRoutes({ user: e(["UserRegistered"], ["OrderPlaced"]), product: e([], ["UserRegistered"]), order: e(["OrderPlaced", "PaymentProcessed"], ["PaymentProcessed"]) })).toEqual([
      { event: "OrderPlaced", publisher: "order", consumers: ["user"] },
      { event: "PaymentProcessed", publisher: "order", consumers: ["order"] },
      { event: "UserRegistered", publisher: "user", consumers: ["product"] },
    ]);
    expect(eventRoutes({ a: e(["Unheard"], []) })).toEqual([]);
  });

  it("keeps replication at most 3 and in-sync replicas one below it", () => {
    expect(serverProperties({ brokerCount: 6, partitions: 6 }).split("\n")).toEqual([
      "auto.create.topics.enable=false",
      "default.replication.factor=3",
      "min.insync.replicas=2",
      "num.partitions=6",
      "unclean.leader.election.enable=false",
      "allow.everyone.if.no.acl.found=false",
    ]);
    expect(serverProperties({ brokerCount: 2, partitions: 1 })).toContain("min.insync.replicas=1");
  });

  it("never names a bucket longer than S3 allows, and keeps prefix and suffix", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,40}$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,60}$/), (prefix, role) => {
        const name = bucketName(`platform-${prefix}`, role, "abcd1234");
        expect(name.length).toBeLessThanOrEqual(MAX_BUCKET_NAME);
        expect(name.startsWith(`platform-${prefix}-`)).toBe(true);
        expect(name.endsWith("-abcd1234")).toBe(true);
      }),
    );
  });

  it("gives every service a stable, non-root POSIX uid", () => {
    expect(posixUid("order")).toBe(posixUid("order"));
    fc.assert(fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,31}$/), (s) => {
      const uid = posixUid(s);
      expect(uid).toBeGreaterThanOrEqual(20_000);
      expect(uid).toBeLessThan(60_000);
    }));
  });
});
