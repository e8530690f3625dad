import * as aws from "@pulumi/aws";
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { metadata, PlatformPolicy } from "../../../policies/lib/types";
import { StackIndex } from "../../../policies/lib/stack";
import { resourcePolicy, resourcePolicyOfTypes, stackPolicy } from "../../../policies/lib/resource";
import { PACKS, packVersion } from "../../../policies/packs";
import { PackConfigError, runPacks, runPacksDetailed } from "../../../tools/runner";
import { reconcile } from "../../../tools/runner/config";
import { runPolicies } from "../../../tools/runner/engine";
import { awsPolicies } from "../../../policies/rules/aws";
import type { PlanResource } from "../../../tools/plan/types";
import { World, arn, id, resource, runPolicy } from "../../policies/fixtures";

const header = { name: "test-x-y-z", description: "A test policy for the runner.", severity: "low" as const, remediationSteps: "Nothing to do.", frameworks: ["platform"] };
const logGroup = (name: string, inputs: Record<string, unknown>) => resource("aws:cloudwatch/logGroup:LogGroup", name, inputs);
const kmsPolicy = awsPolicies.find((p) => p.name === "aws-cloudwatch-loggroup-kms")!;

/** A policy that records what the runner handed it. */
function spy(): { policy: PlatformPolicy; seen: ResourceValidationArgs[] } {
  const seen: ResourceValidationArgs[] = [];
  return { seen, policy: { ...metadata(header), validateResource: (args: ResourceValidationArgs) => void seen.push(args) } as PlatformPolicy };
}

describe("offline runner: resource policies", () => {
  it("gives validateResource the inputs as props, with name, urn, type, options and provider", async () => {
    const { policy, seen } = spy();
    const provider = resource("pulumi:providers:aws", "aws", { region: "eu-west-1" });
    const group = logGroup("logs", { retentionInDays: 7 });
    const withOpts: PlanResource = { ...group, provider: provider.urn, parent: "urn:parent", options: { ...group.options, protect: true, ignoreChanges: ["tags"] } };
    await runPolicy(policy, [provider, withOpts]);
    const args = seen.find((a) => a.name === "logs")!;
    expect([args.type, args.urn, args.props.retentionInDays]).toEqual([group.type, group.urn, 7]);
    expect(args.opts).toMatchObject({ protect: true, ignoreChanges: ["tags"], parent: "urn:parent", aliases: [] });
    expect([args.provider?.name, args.provider?.props.region]).toEqual(["aws", "eu-west-1"]);
    expect([args.isType(aws.cloudwatch.LogGroup), args.isType(aws.s3.Bucket)]).toEqual([true, false]);
    expect(args.asType(aws.cloudwatch.LogGroup)?.retentionInDays).toBe(7);
    expect(args.asType(aws.s3.Bucket)).toBeUndefined();
    expect(args.stackTags.get("platform:secrets")).toBe("masked");
  });

  it("reports a run that touches a value unknown during preview as the engine does: advisory, with its message", async () => {
    const outcome = await runPolicy(kmsPolicy, [logGroup("pending", { kmsKeyId: "[unknown]" }), logGroup("plain", {})]);
    expect(outcome.violations).toEqual([
      `[advisory] pending: can't run policy '${kmsPolicy.name}' from policy pack 'test-pack@v0.0.0' during preview: string value at .kmsKeyId can't be known during preview`,
      "plain: kmsKeyId is not set, so the data is encrypted with an AWS-managed key instead of a customer-managed KMS key.",
    ]);
  });

  it("keeps secrets opaque: a '[secret]' value counts as set", async () => {
    expect((await runPolicy(kmsPolicy, [logGroup("secret", { kmsKeyId: "[secret]" })])).violations).toEqual([]);
  });

  it("treats notApplicable as no result", async () => {
    const policy = resourcePolicy(header, aws.kms.Key, (_k, args) => args.notApplicable("never"));
    expect(await runPolicy(policy, [resource("aws:kms/key:Key", "k", {})])).toEqual({ violations: [] });
  });

  it("fails the run, naming the policy, when a policy throws", async () => {
    const policy = resourcePolicy(header, aws.kms.Key, () => {
      throw new Error("boom");
    });
    await expect(runPolicy(policy, [resource("aws:kms/key:Key", "k", {})])).rejects.toThrow("Error validating resource with policy 'test-x-y-z' from policy pack 'test-pack@v0.0.0': Error: boom");
  });

  it("passes getConfig the schema's defaults with the stack's values on top", async () => {
    const configs: unknown[] = [];
    const policy = {
      ...resourcePolicy({ ...header, configSchema: { properties: { a: { type: "integer", default: 1 }, b: { type: "string", default: "x" } } } }, aws.kms.Key, (_k, args) => void configs.push(args.getConfig())),
    };
    await runPolicy(policy, [resource("aws:kms/key:Key", "k", {})], { config: { b: "y" } });
    expect(configs).toEqual([{ a: 1, b: "y" }]);
  });
});

describe("offline runner: stack policies", () => {
  it("links resources to their parent, dependencies, property dependencies and provider", async () => {
    let seen: PolicyResource[] = [];
    const policy = stackPolicy(header, (stack) => ((seen = [...stack.resources]), []));
    const world = new World([
      resource("pulumi:providers:aws", "aws", { region: "us-east-1" }),
      resource("aws:ec2/vpc:Vpc", "vpc", {}),
      resource("aws:ec2/flowLog:FlowLog", "flow", { vpcId: id("vpc"), logDestination: arn("aws:cloudwatch/logGroup:LogGroup", "logs") }),
      logGroup("logs", { name: "/x" }),
    ]);
    const resources = world.resources().map((r) => (r.name === "flow" ? { ...r, parent: world.get("vpc").urn, provider: world.get("aws").urn } : r));
    await runPolicy(policy, resources);
    const flow = seen.find((r) => r.name === "flow")!;
    expect(flow.parent?.name).toBe("vpc");
    expect(flow.provider?.name).toBe("aws");
    expect(flow.dependencies.map((d) => d.name).sort()).toEqual(["logs", "vpc"]);
    expect(Object.fromEntries(Object.entries(flow.propertyDependencies).map(([k, v]) => [k, v.map((r) => r.name)]))).toEqual({ logDestination: ["logs"], vpcId: ["vpc"] });
    expect(flow.isType(aws.ec2.FlowLog)).toBe(true);
  });

  it("shows the stack outputs as the root stack resource's props", async () => {
    let props: Record<string, unknown> = {};
    const policy = stackPolicy(header, (stack) => ((props = { ...stack.resources.find((r) => r.type === "pulumi:pulumi:Stack")!.props }), []));
    await runPolicy(policy, [resource("pulumi:pulumi:Stack", "platform-test", {})], { outputs: { region: "us-east-1" } });
    expect(props).toEqual({ region: "us-east-1" });
  });

  it("reports a stack violation with or without a resource", async () => {
    const policy = stackPolicy(header, (stack) => [{ message: "stack-wide" }, { urn: stack.resources[0].urn, message: "on the VPC" }]);
    expect((await runPolicy(policy, [resource("aws:ec2/vpc:Vpc", "vpc", {})])).violations).toEqual(["(stack): stack-wide", "vpc: on the VPC"]);
  });

  it("reports a stack policy that touches an unknown value as advisory, as the engine does", async () => {
    const policy = stackPolicy(header, (stack) => [{ message: String((stack.resources[0].props as Record<string, unknown>).cidrBlock) }]);
    const outcome = await runPolicy(policy, [resource("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "[unknown]" })]);
    expect(outcome).toEqual({
      violations: ["[advisory] (stack): can't run policy 'test-x-y-z' from policy pack 'test-pack@v0.0.0' during preview: string value at .cidrBlock can't be known during preview"],
    });
  });
});

describe("offline runner: type index", () => {
  it("calls a check shared by several types only for resources of those types, in plan order, with the same findings", async () => {
    const seen: string[] = [];
    const policy = resourcePolicyOfTypes(header, [aws.s3.Bucket, "aws:cloudwatch/logGroup:LogGroup"], (props, args) => {
      seen.push(args.name);
      return props.bad ? `${args.name} is bad` : undefined;
    });
    const resources = [
      resource("aws:ec2/vpc:Vpc", "vpc", { bad: true }),
      logGroup("logs", { bad: true }),
      resource("aws:s3/bucket:Bucket", "bucket", {}),
      resource("aws:ec2/subnet:Subnet", "subnet", { bad: true }),
      logGroup("audit", {}),
    ];
    // Counts the runner's calls of the validation (the check itself only sees its own types).
    const calls: string[] = [];
    const validate = new Proxy(policy.validateResource as (args: ResourceValidationArgs) => void, {
      apply: (f, self, argv: [ResourceValidationArgs]) => (calls.push(argv[0].name), Reflect.apply(f, self, argv)),
    });
    expect((await runPolicy({ ...policy, validateResource: validate } as PlatformPolicy, resources)).violations).toEqual(["logs: logs is bad"]);
    expect(calls).toEqual(["logs", "bucket", "audit"]);
    expect(seen).toEqual(["logs", "bucket", "audit"]);
  });

  it("indexes a stack's resources by type in stack order, for one type and several", () => {
    const view = [resource("aws:ec2/vpc:Vpc", "a", {}), logGroup("b", {}), resource("aws:ec2/vpc:Vpc", "c", {}), logGroup("d", {})] as unknown as PolicyResource[];
    const stack = new StackIndex(view);
    expect(stack.ofType(aws.ec2.Vpc).map((r) => r.name)).toEqual(["a", "c"]);
    expect(stack.ofType(aws.cloudwatch.LogGroup, aws.ec2.Vpc).map((r) => r.name)).toEqual(["a", "b", "c", "d"]);
    expect(stack.ofType(aws.s3.Bucket)).toEqual([]);
    // A copy: a policy that edits its list does not change the index.
    stack.ofType(aws.ec2.Vpc).pop();
    expect(stack.ofType(aws.ec2.Vpc)).toHaveLength(2);
  });
});

describe("offline runner: enforcement and packs", () => {
  const always = stackPolicy(header, () => [{ message: "always" }]);
  const pack = { dir: "aws", name: "p", description: "", enforcementLevel: "advisory" as const, policies: [always] };
  const level = async (config: Record<string, unknown>) => {
    const result = await runPolicies([always], [resource("aws:ec2/vpc:Vpc", "v", {})], { packName: "p", packVersion: "1", settings: reconcile(pack, config as never), stackTags: new Map() });
    return [result.policies[0].enforcementLevel, result.violations.map((v) => v.enforcementLevel)];
  };

  it("reconciles levels as the engine does: pack default, then all, then the policy's entry", async () => {
    expect(await level({})).toEqual(["advisory", ["advisory"]]);
    expect(await level({ all: "mandatory" })).toEqual(["mandatory", ["mandatory"]]);
    expect(await level({ all: "mandatory", [header.name]: "advisory" })).toEqual(["advisory", ["advisory"]]);
    expect(await level({ [header.name]: { enforcementLevel: "disabled" } })).toEqual(["disabled", []]);
    expect(await level({ [header.name]: "remediate" })).toEqual(["remediate", ["mandatory"]]);
  });

  it("rejects a config value of the wrong type, naming the policy and key", () => {
    const typed = { ...pack, policies: [{ ...always, configSchema: { properties: { days: { type: "integer" as const, default: 1 } } } }] };
    expect(() => reconcile(typed, { [header.name]: { days: "many" } }, "x.json")).toThrow(new PackConfigError('x.json: test-x-y-z: days must be of type integer, got "many"'));
  });

  it("runs both packs with their package.json versions, policies sorted, for the stack's config", async () => {
    const packs = await runPacks([], "dev");
    expect(packs.map((p) => [p.name, p.version])).toEqual(PACKS.map((p) => [p.name, packVersion(p)]));
    for (const p of packs) expect(p.policies.map((x) => x.name)).toEqual([...p.policies.map((x) => x.name)].sort());
    expect(packs[0].policies.find((p) => p.name === "aws-rds-instance-multi-az")?.enforcementLevel).toBe("advisory");
    expect((await runPacks([], "prod"))[0].policies.find((p) => p.name === "aws-rds-instance-multi-az")?.enforcementLevel).toBe("mandatory");
  });

  it("names the config file it used, and falls back to prod.json for an unknown stack", async () => {
    expect((await runPacksDetailed([], "qa")).configFile).toMatch(/policies\/config\/prod\.json$/);
  });
});
