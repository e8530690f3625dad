import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { SettingsError, configKeyProblems, configTree, formatProblems, merge, resolveSettings } from "../../stacks";
import { NAT_NONE_REJECTED } from "../../stacks/network";
import { readStackConfig } from "../../tools/plan/config";

const ROOT = path.resolve(__dirname, "../..");
/** A stack's settings tree exactly as `pulumi up` would hand it to the program. */
const stackTree = (stack: string, overrides: string[] = []) => configTree(readStackConfig(ROOT, stack, overrides).values);

/** The one-line error `resolveSettings` throws for these overrides of the prod stack file. */
function errorFor(overrides: string[], stack = "prod"): string {
  try {
    resolveSettings(stack, stackTree(stack === "staging" ? "prod" : stack, overrides));
  } catch (err) {
    expect(err).toBeInstanceOf(SettingsError);
    const message = (err as Error).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error(`no error for ${overrides.join(" ")}`);
}

describe("stack defaults", () => {
  it("dev: one NAT, 30-day logs, nothing protected", () => {
    const s = resolveSettings("dev", stackTree("dev"));
    expect(s).toMatchObject({
      stack: "dev",
      environment: "dev",
      region: "us-east-1",
      logRetentionDays: 30,
      protectStateful: false,
      network: { cidr: "10.0.0.0/16", azCount: 3, natStrategy: "Single", availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"] },
      tags: { owner: "platform-team", costCenter: "1001" },
    });
  });

  it("prod: a NAT per AZ, a year of logs, stateful resources protected", () => {
    expect(resolveSettings("prod", stackTree("prod"))).toMatchObject({
      environment: "prod",
      logRetentionDays: 365,
      protectStateful: true,
      network: { natStrategy: "OnePerAz", azCount: 3, serviceCidr: "172.20.0.0/16" },
    });
  });

  it("applies config over the profile, key by key", () => {
    const s = resolveSettings("prod", stackTree("prod", ["network.azCount=4", "logRetentionDays=731", "tags.costCenter=77"]));
    expect(s.network.azCount).toBe(4);
    expect(s.network.natStrategy).toBe("OnePerAz");
    expect(s.network.availabilityZones).toEqual(["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"]);
    expect(s.logRetentionDays).toBe(731);
    expect(s.tags.costCenter).toBe("77");
  });

  it("refuses natStrategy None, even with no external hosts, saying why and what is allowed", () => {
    const tree = merge(stackTree("dev", ["network.natStrategy=None"]), { services: { order: { egressHosts: [] } } });
    expect(() => resolveSettings("dev", tree)).toThrow(
      `Invalid settings for stack 'dev': platform:network.natStrategy = "None" ${NAT_NONE_REJECTED}; allowed: Single | OnePerAz`,
    );
    expect(NAT_NONE_REJECTED).toMatch(/^is not supported: with no NAT gateway the cluster cannot start, because its nodes pull Istio, add-on and service images from public registries/);
  });

  it("rejects external hosts with no egressCidrs: a NetworkPolicy cannot name hosts", () => {
    const tree = merge(stackTree("prod"), { services: { order: { egressCidrs: [] } } });
    expect(() => resolveSettings("prod", tree)).toThrow(
      'platform:services.order.egressHosts = ["api.stripe.com"] lists external hosts but services.order.egressCidrs is empty: a NetworkPolicy cannot name hosts, so list the public CIDRs they resolve to (their providers\' published ranges)',
    );
  });

  it("a stack not named after an environment picks one with platform:environment", () => {
    const s = resolveSettings("staging", merge(stackTree("prod"), { environment: "dev", network: { natStrategy: "OnePerAz" } }));
    // dev's profile under the stack's own settings
    expect(s).toMatchObject({ stack: "staging", environment: "dev", logRetentionDays: 30, network: { natStrategy: "OnePerAz", cidr: "10.0.0.0/16" } });
  });

  it("reads structured config the way the Pulumi CLI passes it", () => {
    const tree = configTree({
      "platform:network": '{"cidr":"10.1.0.0/16","natStrategy":"None"}',
      "platform:logRetentionDays": "90",
      "platform:region": "eu-west-1",
      "aws:region": "us-west-2",
    });
    expect(tree).toEqual({ network: { cidr: "10.1.0.0/16", natStrategy: "None" }, logRetentionDays: 90, region: "eu-west-1" });
  });
});

describe("config keys the program would silently drop", () => {
  const ALLOWED = "allowed: platform:<setting> keys (the engine's own pulumi:* keys are also accepted)";
  it("accepts platform: and the engine's pulumi: keys (the shipped stack files have nothing else)", () => {
    expect(configKeyProblems({ "platform:region": "us-east-1", "pulumi:disable-default-providers": '["*"]' })).toEqual([]);
    expect(configKeyProblems(readStackConfig(ROOT, "dev").values)).toEqual([]);
    expect(configKeyProblems(readStackConfig(ROOT, "prod").values)).toEqual([]);
  });

  it.each([
    [
      "aws:region, which the program's own provider ignores",
      { "aws:region": "us-west-2" },
      `Invalid settings for stack 'prod': aws:region is ignored: the program builds its own providers from platform:* settings and Pulumi.yaml disables the default ones (set platform:region); ${ALLOWED}`,
    ],
    [
      "a misspelled namespace",
      { "platfrom:network": '{"cidr":"10.1.0.0/16"}' },
      `Invalid settings for stack 'prod': platfrom:network is in namespace 'platfrom', which nothing reads (did you mean platform:network?); ${ALLOWED}`,
    ],
    [
      "another provider's key, without echoing its (possibly secret) value",
      { "kubernetes:kubeconfig": "apiVersion: v1 secret-token" },
      `Invalid settings for stack 'prod': kubernetes:kubeconfig is ignored: the program builds its own providers from platform:* settings and Pulumi.yaml disables the default ones; ${ALLOWED}`,
    ],
  ])("rejects %s with one line naming the key and what is allowed", (_what, config, expected) => {
    expect(formatProblems("prod", configKeyProblems({ "platform:region": "us-east-1", ...config }))).toBe(expected);
  });
});

describe("bad settings stop the program with one line naming stack, setting, value and what is allowed", () => {
  const cases: [string, string[], string[]][] = [
    ["CIDR prefix out of range", ["network.cidr=10.0.0.0/33"], ["stack 'prod'", 'platform:network.cidr = "10.0.0.0/33" is not an IPv4 CIDR', "prefix from /16 to /23"]],
    ["CIDR octet out of range", ["network.cidr=10.0.300.0/16"], ['platform:network.cidr = "10.0.300.0/16" is not an IPv4 CIDR: each octet must be 0-255']],
    ["CIDR not in CIDR form", ["network.cidr=ten-dot-zero"], ['platform:network.cidr = "ten-dot-zero" is not an IPv4 CIDR of the form a.b.c.d/n']],
    ["CIDR with host bits", ["network.cidr=10.0.1.0/16"], ['platform:network.cidr = "10.0.1.0/16" has host bits set; the network address is 10.0.0.0/16']],
    ["CIDR too small for 3 tiers x AZs", ["network.cidr=10.0.0.0/24"], ['platform:network.cidr = "10.0.0.0/24" is too small for 3 tiers x the AZ count', "prefix from /16 to /23"]],
    ["CIDR larger than a VPC may be", ["network.cidr=10.0.0.0/12"], ['platform:network.cidr = "10.0.0.0/12" is larger than AWS allows for a VPC (/16 at most)']],
    ["public CIDR", ["network.cidr=8.8.0.0/16"], ['platform:network.cidr = "8.8.0.0/16" is not a private range']],
    ["service CIDR overlaps the VPC", ["network.serviceCidr=10.0.0.0/16"], ['platform:network.serviceCidr = "10.0.0.0/16" overlaps network.cidr 10.0.0.0/16', "does not overlap network.cidr"]],
    ["service CIDR outside RFC 1918", ["network.serviceCidr=100.64.0.0/16"], ['platform:network.serviceCidr = "100.64.0.0/16" is not an RFC 1918 range from /12 to /24']],
    ["AZ count too low", ["network.azCount=1"], ["platform:network.azCount = 1 is out of range; allowed: a whole number from 2 to 6"]],
    ["AZ count too high", ["network.azCount=7"], ["platform:network.azCount = 7 is out of range; allowed: a whole number from 2 to 6"]],
    ["AZ count not a number", ["network.azCount=three"], ['platform:network.azCount = "three" has the wrong type (string, expected number); allowed: a whole number from 2 to 6']],
    ["AZ count fractional", ["network.azCount=2.5"], ["platform:network.azCount = 2.5 has the wrong type (float, expected integer); allowed: a whole number from 2 to 6"]],
    ["unknown NAT strategy", ["network.natStrategy=Double"], ['platform:network.natStrategy = "Double" is not one of the allowed values; allowed: Single | OnePerAz']],
    ["NAT strategy of the wrong type", ["network.natStrategy=true"], ["platform:network.natStrategy = true has the wrong type (boolean, expected string); allowed: Single | OnePerAz"]],
    ["AZ list of the wrong length", ["network.availabilityZones[0]=us-east-1a"], ['platform:network.availabilityZones = ["us-east-1a"] lists 1 AZs but network.azCount is 3']],
    ["AZ outside the region", ["network.availabilityZones[0]=eu-west-1a", "network.availabilityZones[1]=us-east-1b", "network.availabilityZones[2]=us-east-1c"], ['platform:network.availabilityZones[0] = "eu-west-1a" is not in the stack\'s region us-east-1']],
    ["repeated AZ", ["network.availabilityZones[0]=us-east-1a", "network.availabilityZones[1]=us-east-1a", "network.availabilityZones[2]=us-east-1c"], ["platform:network.availabilityZones", "repeats an AZ"]],
    ["unknown network setting", ["network.cidrBlock=10.0.0.0/16"], ['platform:network.cidrBlock = "10.0.0.0/16" is not a known setting; allowed: settings here are cidr, azCount, availabilityZones, natStrategy, serviceCidr']],
    ["unknown top-level setting", ["netwrok.cidr=10.0.0.0/16"], ["platform:netwrok", "is not a known setting"]],
    ["bad region", ["region=US East"], ['platform:region = "US East" has the wrong format; allowed: an AWS region name such as us-east-1']],
    ["empty owner tag", ["tags.owner="], ['platform:tags.owner = "" is too short']],
    ["log retention CloudWatch does not offer", ["logRetentionDays=31"], ["platform:logRetentionDays = 31 is not a CloudWatch Logs retention period; allowed: one of 1, 3, 5, 7, 14, 30"]],
    ["log retention of the wrong type", ["logRetentionDays=forever"], ['platform:logRetentionDays = "forever" has the wrong type (string, expected number)']],
    ["protectStateful not a boolean", ["protectStateful=yes"], ['platform:protectStateful = "yes" has the wrong type (string, expected boolean); allowed: true | false']],
    ["no NAT at all", ["network.natStrategy=None"], ['platform:network.natStrategy = "None" is not supported: with no NAT gateway the cluster cannot start', "; allowed: Single | OnePerAz"]],
    ["an egress CIDR open to the world", ["services.order.egressCidrs[0]=0.0.0.0/0"], ['platform:services.order.egressCidrs[0] = "0.0.0.0/0" is wider than /8, which opens the pods to the internet']],
    ["a private egress CIDR", ["services.order.egressCidrs[0]=10.1.0.0/16"], ['platform:services.order.egressCidrs[0] = "10.1.0.0/16" is a private range; external hosts are public']],
    [
      "egress CIDRs without hosts",
      ["services.user.egressCidrs[0]=198.51.100.0/24"],
      ['platform:services.user.egressCidrs = ["198.51.100.0/24"] lists CIDRs but services.user.egressHosts is empty, so the mesh admits no external host there'],
    ],
    ["unknown environment", ["environment=qa"], ['platform:environment = "qa" is not a known environment; allowed: dev | prod']],
  ];

  it.each(cases)("%s", (_label, overrides, expected) => {
    const message = errorFor(overrides);
    expect(message.startsWith("Invalid settings for stack 'prod': ")).toBe(true);
    for (const text of expected) expect(message).toContain(text);
  });

  it("covers at least 20 distinct bad settings", () => {
    expect(new Set(cases.map((c) => c.join("|"))).size).toBeGreaterThanOrEqual(20);
  });

  it("a missing required value names the setting", () => {
    const tree = stackTree("prod") as Record<string, unknown>;
    const { region: _region, ...withoutRegion } = tree;
    expect(() => resolveSettings("prod", withoutRegion)).toThrow(
      "Invalid settings for stack 'prod': platform:region is missing; allowed: an AWS region name such as us-east-1",
    );
  });

  it("a missing tag names the tag", () => {
    const tree = merge(stackTree("prod"), { tags: { owner: "team" } }) as { tags: Record<string, unknown> };
    delete tree.tags.costCenter;
    expect(() => resolveSettings("prod", tree)).toThrow("platform:tags.costCenter is missing");
  });

  it("a stack named after no environment must say which one it is", () => {
    expect(() => resolveSettings("staging", stackTree("prod"))).toThrow(
      "Invalid settings for stack 'staging': platform:environment is missing (stack 'staging' is not named after an environment); allowed: dev | prod",
    );
  });

  it("reports every bad setting in the same line", () => {
    const message = errorFor(["network.azCount=9", "network.natStrategy=Many"]);
    expect(message).toContain("platform:network.azCount = 9 is out of range");
    expect(message).toContain('platform:network.natStrategy = "Many" is not one of the allowed values');
  });
});
