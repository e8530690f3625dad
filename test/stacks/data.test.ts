import { describe, expect, it } from "vitest";
import { configTree, resolveSettings } from "../../stacks";
import { DB_INSTANCE_CLASSES } from "../../components/data/settings";
import { dataProblems } from "../../stacks/data";
import { readStackConfig } from "../../tools/plan/config";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const resolve = (stack: "dev" | "prod", overrides: string[]) => resolveSettings(stack, configTree(readStackConfig(ROOT, stack, overrides).values));
const error = (stack: "dev" | "prod", overrides: string[]) => {
  try {
    resolve(stack, overrides);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected a settings error");
};

describe("data settings", () => {
  it("defaults follow seed 001 in both stacks", () => {
    for (const stack of ["dev", "prod"] as const) {
      const s = resolve(stack, []);
      expect(s.services.user.database.engine).toBe("postgres");
      expect(s.services.product.database.engine).toBe("mysql");
      expect(s.services.order.database.engine).toBe("postgres");
      expect(Object.fromEntries(Object.entries(s.services).map(([n, v]) => [n, v.filesystem]))).toEqual({ user: "ro", product: "ro", order: "rw" });
      expect(s.services.user.events).toEqual({ publishes: ["UserRegistered"], consumes: ["OrderPlaced"] });
      expect(s.services.order.events).toEqual({ publishes: ["OrderPlaced", "PaymentProcessed"], consumes: ["PaymentProcessed"] });
      expect(s.services.product.events).toEqual({ publishes: [], consumes: ["UserRegistered"] });
      expect(s.data.highAvailability).toBe(stack === "prod");
    }
    expect(resolve("prod", []).services.order.database.instanceClass).toBe("db.t3.large");
  });

  it.each([
    [
      "an unknown engine",
      ["services.user.database.engine=oracle"],
      "Invalid settings for stack 'prod': platform:services.user.database.engine = \"oracle\" is not one of the allowed values; allowed: postgres | mysql | none",
    ],
    [
      "an event consumed that nobody publishes",
      ["services.product.events.consumes[0]=OrderShipped"],
      "Invalid settings for stack 'prod': platform:services.product.events.consumes[0] = \"OrderShipped\" is not published by any service; published events: OrderPlaced | PaymentProcessed | UserRegistered; allowed: an event type in PascalCase, e.g. OrderPlaced",
    ],
    [
      "a filesystem mode other than none, ro or rw",
      ["services.order.filesystem=readwrite"],
      "Invalid settings for stack 'prod': platform:services.order.filesystem = \"readwrite\" is not one of the allowed values; allowed: none | ro | rw",
    ],
    [
      "a database class unknown to the engine family",
      ["services.product.database.instanceClass=db.t3.micro"],
      "Invalid settings for stack 'prod': platform:services.product.database.instanceClass = \"db.t3.micro\" is not an instance class of the mysql engine family; allowed: postgres: db.t3|db.t4g .micro to .2xlarge, db.m5|m6g|m6i|m7g|r5|r6g|r6i|r7g .large to .16xlarge; mysql: the same from .medium (Performance Insights needs it)",
    ],
    [
      "an engine version the engine does not have",
      ["services.user.database.engineVersion=8.0"],
      "Invalid settings for stack 'prod': platform:services.user.database.engineVersion = 8 is not a supported postgres major version; allowed: a major version: postgres 14 | 15 | 16 | 17; mysql 8.4",
    ],
    [
      "MySQL 8.0, past RDS standard support",
      ["services.product.database.engineVersion=8.0"],
      "Invalid settings for stack 'prod': platform:services.product.database.engineVersion = 8 is not a supported mysql major version; allowed: a major version: postgres 14 | 15 | 16 | 17; mysql 8.4",
    ],
    [
      "a topic consumed that nobody produces",
      ["services.user.topics.consumes[0]=payments.settled"],
      "Invalid settings for stack 'prod': platform:services.user.topics.consumes[0] = \"payments.settled\" is not produced by any service; produced topics: orders.lifecycle | products.views | users.activity; allowed: a Kafka topic name: lower case, digits, . and -, e.g. orders.placed",
    ],
    [
      "no brokers in an AZ",
      ["data.kafka.brokersPerAz=0"],
      "Invalid settings for stack 'prod': platform:data.kafka.brokersPerAz = 0 is out of range; allowed: a whole number from 1 to 10 (MSK spreads brokers evenly: the cluster has this many per AZ)",
    ],
    [
      "Redis failover with one node",
      ["data.redis.nodeCount=1"],
      "Invalid settings for stack 'prod': platform:data.redis.nodeCount = 1 is below 2, which automatic failover (data.highAvailability) needs; allowed: a whole number from 1 to 6 (a primary plus replicas)",
    ],
  ])("rejects %s with one line", (_what, overrides, message) => {
    expect(error("prod", overrides)).toBe(message);
  });

  it("offers MySQL no micro or small class (Performance Insights)", () => {
    expect(DB_INSTANCE_CLASSES.mysql.filter((c) => /\.(micro|small)$/.test(c))).toEqual([]);
    expect(DB_INSTANCE_CLASSES.postgres).toContain("db.t4g.micro");
  });

  it("reports a second publisher of an event type", () => {
    const s = resolve("dev", []);
    const services = { ...s.services, product: { ...s.services.product, events: { publishes: ["OrderPlaced"], consumes: [] } } };
    expect(dataProblems({ services, data: s.data })).toEqual([
      { path: ["services", "product", "events", "publishes", 0], message: "is already published by order; an event type has one publisher" },
    ]);
  });
});

describe("data.buckets.documentLock", () => {
  it("is COMPLIANCE for 7 years in prod and GOVERNANCE for a day in dev", () => {
    expect(resolve("prod", []).data.buckets.documentLock).toEqual({ mode: "COMPLIANCE", years: 7 });
    expect(resolve("dev", []).data.buckets.documentLock).toEqual({ mode: "GOVERNANCE", days: 1 });
  });

  const ALLOWED_MODE = "COMPLIANCE | GOVERNANCE";
  it.each([
    ["dev", "an unknown mode", ["data.buckets.documentLock.mode=LEGAL_HOLD"], `Invalid settings for stack 'dev': platform:data.buckets.documentLock.mode = "LEGAL_HOLD" is not one of the allowed values; allowed: ${ALLOWED_MODE}`],
    [
      "dev",
      "both years and days",
      ["data.buckets.documentLock.years=1"],
      "Invalid settings for stack 'dev': platform:data.buckets.documentLock.days = 1 is set together with years 1: give exactly one of years and days; allowed: a whole number of days from 1 to 36500 (or set years instead)",
    ],
    [
      "prod",
      "COMPLIANCE for less than 7 years",
      ["data.buckets.documentLock.years=5"],
      "Invalid settings for stack 'prod': platform:data.buckets.documentLock.years = 5 is shorter than the 7 years (2555 days) COMPLIANCE mode keeps order documents; allowed: a whole number of years from 1 to 100 (or set days instead)",
    ],
    [
      "prod",
      "GOVERNANCE in prod",
      ["data.buckets.documentLock.mode=GOVERNANCE"],
      `Invalid settings for stack 'prod': platform:data.buckets.documentLock.mode = "GOVERNANCE" is not COMPLIANCE, which the prod environment keeps order documents in; allowed: ${ALLOWED_MODE}`,
    ],
    [
      "dev",
      "a retention of 0 days",
      ["data.buckets.documentLock.days=0"],
      "Invalid settings for stack 'dev': platform:data.buckets.documentLock.days = 0 is out of range; allowed: a whole number of days from 1 to 36500 (or set years instead)",
    ],
  ] as const)("%s: rejects %s with one line", (stack, _what, overrides, message) => {
    expect(error(stack, [...overrides])).toBe(message);
  });
});
