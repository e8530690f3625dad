import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { OUTPUTS_VERSION } from "../../stacks/outputs";
import { loadPlan } from "../support/plans";

interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
}

/**
 * Runs examples/consumer on the SDK's mock monitor, its StackReference answering with
 * `outputs` (by default the recorded prod plan's stack outputs), and returns what it
 * registered and exported.
 */
async function runConsumer(
  outputs: Record<string, unknown>,
  config: Record<string, string> = {},
  onResources: (r: Registered[]) => void = () => undefined,
): Promise<{ resources: Registered[]; exports: Record<string, unknown> }> {
  const resources: Registered[] = [];
  onResources(resources);
  pulumi.runtime.setAllConfig({ "consumer:platformStack": "acme/platform/prod", ...config });
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs });
        if (args.type === "pulumi:pulumi:StackReference") {
          return { id: String(args.inputs.name), state: { name: args.inputs.name, outputs, secretOutputNames: ["cluster"] } };
        }
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    "platform-consumer",
    "prod",
    true,
  );
  const swallow = () => undefined;
  process.on("unhandledRejection", swallow);
  let exports: Record<string, unknown> = {};
  try {
    const program = (await import("../../examples/consumer")).default;
    await pulumi.runtime.runInPulumiStack(async () => {
      const out = await program();
      exports = await new Promise((resolve) => pulumi.output(out).apply((v) => resolve(v as Record<string, unknown>)));
      return out;
    });
  } finally {
    setImmediate(() => process.off("unhandledRejection", swallow));
  }
  return { resources, exports };
}

describe("examples/consumer", () => {
  const plan = loadPlan("prod");
  const outputs = plan.outputs as Record<string, any>;

  it("reads the platform through one StackReference and builds on its network and a service namespace", async () => {
    const { resources, exports } = await runConsumer(outputs);
    expect(resources.map((r) => r.type).filter((t) => t !== "pulumi:pulumi:Stack").sort()).toEqual([
      "aws:ec2/securityGroup:SecurityGroup",
      "kubernetes:core/v1:ConfigMap",
      "pulumi:providers:aws",
      "pulumi:providers:kubernetes",
      "pulumi:pulumi:StackReference",
    ]);
    expect(resources.find((r) => r.type === "pulumi:pulumi:StackReference")!.inputs.name).toBe("acme/platform/prod");
    expect(resources.find((r) => r.type === "pulumi:providers:aws")!.inputs.region).toBe(outputs.region);

    const sg = resources.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")!;
    expect(sg.inputs.vpcId).toBe(outputs.network.vpcId);
    expect(sg.inputs.ingress).toBeUndefined();
    expect(sg.inputs.egress).toEqual([
      { cidrBlocks: [outputs.network.vpcCidr], description: "HTTPS to the VPC (endpoints, mesh gateway)", fromPort: 443, protocol: "tcp", toPort: 443 },
    ]);

    const order = outputs.services.order;
    const cm = resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap")!;
    expect(cm.inputs.metadata.namespace).toBe(order.namespace);
    expect(cm.inputs.data).toEqual({ EVENT_BUS_ARN: outputs.data.eventBusArn, SERVICE_URL: `http://${order.host}:${order.port}` });

    expect(exports.applicationSubnetIds).toEqual(outputs.network.subnetIds.application);
    expect(exports.endpointsConfigMap).toBe(`${order.namespace}/reporting-endpoints`);
  });

  it("stops with one line when the platform exports another outputsVersion", async () => {
    const err = await runConsumer({ ...outputs, outputsVersion: OUTPUTS_VERSION + 1 }).catch((e: unknown) => e as Error);
    expect((err as Error).message).toBe(
      `platform stack acme/platform/prod exports outputsVersion ${OUTPUTS_VERSION + 1}; this program reads version ${OUTPUTS_VERSION} of the contract (stacks/outputs.ts): update the contract it imports`,
    );
  });

  it("names the services there are when the configured one is missing, before registering anything", async () => {
    let registered: Registered[] = [];
    const err = await runConsumer(outputs, { "consumer:service": "billing" }, (r) => (registered = r)).catch((e: unknown) => e as Error);
    expect((err as Error).message).toBe("platform stack acme/platform/prod has no service 'billing'; it has: order, product, user");
    expect(registered.map((r) => r.type).filter((t) => t !== "pulumi:pulumi:Stack")).toEqual(["pulumi:pulumi:StackReference"]);
  });
});
