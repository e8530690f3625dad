import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError, parseConfigPath, parseConfigScalar, readStackConfig } from "../../../tools/plan/config";

describe("parseConfigPath (pulumi config set --path syntax)", () => {
  it.each([
    ["network.cidr", "platform:network", ["cidr"]],
    ["platform:network.cidr", "platform:network", ["cidr"]],
    ["aws:region", "aws:region", []],
    ["services.user.callers[1]", "platform:services", ["user", "callers", 1]],
    ['tags.extra["team.name"]', "platform:tags", ["extra", "team.name"]],
    ["region", "platform:region", []],
  ])("%s", (text, key, p) => {
    expect(parseConfigPath(text)).toEqual({ key, path: p });
  });

  it.each([
    ["network.cidr[", "bad config path 'network.cidr[': '[' without ']'"],
    ["a[b]", "bad config path 'a[b]': [b] is neither an index nor a \"quoted key\""],
    [".cidr", "bad config path '.cidr': it starts with '.'"],
  ])("rejects %s", (text, message) => {
    expect(() => parseConfigPath(text)).toThrow(new UsageError(message));
  });

  it("types true, false and numbers, and leaves the rest as strings", () => {
    expect([parseConfigScalar("true"), parseConfigScalar("false"), parseConfigScalar("3"), parseConfigScalar("2.5")]).toEqual([true, false, 3, 2.5]);
    expect([parseConfigScalar("10.0.0.0/16"), parseConfigScalar("007"), parseConfigScalar("")]).toEqual(["10.0.0.0/16", "007", ""]);
  });
});

describe("readStackConfig", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-config-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: platform\nruntime: nodejs\nconfig:\n  pulumi:disable-default-providers:\n    value: ['*']\n");
  fs.writeFileSync(
    path.join(dir, "Pulumi.test.yaml"),
    "config:\n  platform:region: eu-west-1\n  platform:network:\n    cidr: 10.1.0.0/16\n  platform:apiKey:\n    secure: v1:abc\n",
  );

  it("flattens the stack file as the CLI passes config to a program", () => {
    expect(readStackConfig(dir, "test")).toEqual({
      values: {
        "pulumi:disable-default-providers": '["*"]',
        "platform:region": "eu-west-1",
        "platform:network": '{"cidr":"10.1.0.0/16"}',
        "platform:apiKey": "[secret]",
      },
      secretKeys: ["platform:apiKey"],
    });
  });

  it("applies --config overrides into structured values", () => {
    const { values } = readStackConfig(dir, "test", ["network.azCount=2", "network.availabilityZones[0]=eu-west-1a", "region=eu-central-1"]);
    expect(JSON.parse(values["platform:network"])).toEqual({ cidr: "10.1.0.0/16", azCount: 2, availabilityZones: ["eu-west-1a"] });
    expect(values["platform:region"]).toBe("eu-central-1");
  });

  it("names the known stacks when the stack file is missing", () => {
    expect(() => readStackConfig(dir, "qa")).toThrow(new UsageError("no stack file Pulumi.qa.yaml; known stacks: test"));
  });

  it("rejects an override without '='", () => {
    expect(() => readStackConfig(dir, "test", ["network.cidr"])).toThrow("--config takes PATH=VALUE, got 'network.cidr'");
  });
});
