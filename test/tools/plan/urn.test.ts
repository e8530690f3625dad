import { describe, expect, it } from "vitest";
import { nameOf, qualifiedTypeOf, resourceUrn, rootStackUrn } from "../../../tools/plan/urn";

describe("the plan's URN rule", () => {
  const stack = rootStackUrn("prod", "platform");

  it("names the stack resource <project>-<stack>", () => {
    expect(stack).toBe("urn:pulumi:prod::platform::pulumi:pulumi:Stack::platform-prod");
  });

  it("qualifies a type with the parent's whole qualified type", () => {
    const tier = resourceUrn("prod", "platform", stack, "platform:microservice:Services", "services");
    const pod = resourceUrn("prod", "platform", tier, "platform:microservice:MicroservicePod", "order-pod");
    expect(tier).toBe("urn:pulumi:prod::platform::platform:microservice:Services::services");
    expect(resourceUrn("prod", "platform", pod, "aws:cloudwatch/logGroup:LogGroup", "order-pod-logs")).toBe(
      "urn:pulumi:prod::platform::platform:microservice:Services$platform:microservice:MicroservicePod$aws:cloudwatch/logGroup:LogGroup::order-pod-logs",
    );
    expect(qualifiedTypeOf(pod)).toBe("platform:microservice:Services$platform:microservice:MicroservicePod");
    expect(nameOf(pod)).toBe("order-pod");
  });
});
