import { describe, expect, it } from "vitest";
import { resolveStack, settingsProblem } from "../support/settings";

const resolve = resolveStack;
const problem = settingsProblem;

describe("observability settings", () => {
  it("defaults Prometheus per environment: a small week in dev, a month on two replicas in prod", () => {
    expect(resolve("dev").observability.prometheus).toEqual({ retentionDays: 7, storageGiB: 20, replicas: 1, memory: "512Mi" });
    expect(resolve("prod").observability.prometheus).toEqual({ retentionDays: 30, storageGiB: 100, replicas: 2, memory: "1Gi" });
    expect(resolve("dev", "observability.prometheus.retentionDays=14").observability.prometheus.retentionDays).toBe(14);
  });

  it.each([
    ["a zero retention", ["observability.prometheus.retentionDays=0"], "platform:observability.prometheus.retentionDays = 0 is out of range; allowed: a whole number of days from 1 to 365"],
    ["a tiny volume", ["observability.prometheus.storageGiB=5"], "platform:observability.prometheus.storageGiB = 5 is out of range; allowed: a whole number of GiB from 10 to 16384"],
    ["four replicas", ["observability.prometheus.replicas=4"], "platform:observability.prometheus.replicas = 4 is out of range; allowed: 1, 2 or 3"],
    ["memory in bytes", ["observability.prometheus.memory=1000000"], "platform:observability.prometheus.memory = 1000000 has the wrong type"],
    ["memory in M", ["observability.prometheus.memory=512M"], `platform:observability.prometheus.memory = "512M" has the wrong format; allowed: a memory quantity in Mi or Gi, e.g. 512Mi`],
    ["an unknown key", ["observability.grafana.replicas=2"], "platform:observability"],
  ])("rejects %s", (_what, overrides, expected) => {
    const message = problem("dev", ...overrides);
    expect(message).toContain(expected);
    expect(message.startsWith("Invalid settings for stack 'dev': ")).toBe(true);
    expect(message.split("\n")).toHaveLength(1);
  });
});
