import { describe, expect, it } from "vitest";
import { connectionsThreshold, defaultMaxConnections, instanceClassMemoryGiB } from "../../../components/security/alarms";
import { DB_INSTANCE_CLASSES } from "../../../components/data/settings";

describe("database connection thresholds", () => {
  it("knows the memory of every instance class the settings allow", () => {
    for (const cls of [...DB_INSTANCE_CLASSES.postgres, ...DB_INSTANCE_CLASSES.mysql]) expect(instanceClassMemoryGiB(cls), cls).toBeGreaterThan(0);
    expect(instanceClassMemoryGiB("db.t4g.micro")).toBe(1);
    expect(instanceClassMemoryGiB("db.m7g.large")).toBe(8);
    expect(instanceClassMemoryGiB("db.r6i.16xlarge")).toBe(512);
    expect(() => instanceClassMemoryGiB("db.x2g.large")).toThrow("unknown RDS instance class db.x2g.large: no memory size for it");
  });

  it("follows the engines' default max_connections formulas", () => {
    expect(defaultMaxConnections("postgres", "db.t3.medium")).toBe(450);
    expect(defaultMaxConnections("mysql", "db.t3.medium")).toBe(341);
    // PostgreSQL caps the default at 5000.
    expect(defaultMaxConnections("postgres", "db.r7g.16xlarge")).toBe(5000);
    expect(connectionsThreshold("postgres", "db.t3.large")).toBe(720);
    expect(connectionsThreshold("mysql", "db.t3.medium")).toBe(272);
  });
});
