import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadPlan, ofType, STACKS } from "../../support/plans";

/**
 * TargetGroupBinding (elbv2.k8s.aws/v1beta1) has no published model, so it is checked
 * against a schema written by hand from the CRD's openAPIV3Schema
 * (kubernetes-sigs/aws-load-balancer-controller, config/crd/bases/elbv2.k8s.aws_targetgroupbindings.yaml):
 * the spec's properties with their types and enums, `serviceRef.name` and `.port`
 * required, no unknown fields (the API server prunes them, so a typo would vanish).
 */
const intOrString = z.union([z.number().int(), z.string().min(1)]);
const peer = z.union([z.object({ ipBlock: z.object({ cidr: z.string() }).strict() }).strict(), z.object({ securityGroup: z.object({ groupID: z.string() }).strict() }).strict()]);
const targetGroupBindingSchema = z
  .object({
    apiVersion: z.literal("elbv2.k8s.aws/v1beta1"),
    kind: z.literal("TargetGroupBinding"),
    metadata: z.object({ name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/), namespace: z.string().min(1) }).strict(),
    spec: z
      .object({
        serviceRef: z.object({ name: z.string().min(1), port: intOrString }).strict(),
        targetGroupARN: z.string().regex(/^arn:aws[a-z-]*:elasticloadbalancing:|^arn:aws:lb:/).optional(),
        targetGroupName: z.string().optional(),
        targetGroupProtocol: z.enum(["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "QUIC", "TCP_QUIC"]).optional(),
        targetType: z.enum(["instance", "ip"]).optional(),
        ipAddressType: z.enum(["ipv4", "ipv6"]).optional(),
        vpcID: z.string().optional(),
        multiClusterTargetGroup: z.boolean().optional(),
        iamRoleArnToAssume: z.string().optional(),
        assumeRoleExternalId: z.string().optional(),
        nodeSelector: z.object({ matchLabels: z.record(z.string()).optional(), matchExpressions: z.array(z.object({ key: z.string(), operator: z.string(), values: z.array(z.string()).optional() })).optional() }).optional(),
        networking: z
          .object({ ingress: z.array(z.object({ from: z.array(peer), ports: z.array(z.object({ port: intOrString.optional(), protocol: z.enum(["TCP", "UDP"]).optional() }).strict()) }).strict()).optional() })
          .strict()
          .optional(),
      })
      .strict()
      .refine((s) => s.targetGroupARN !== undefined || s.targetGroupName !== undefined, "needs targetGroupARN or targetGroupName"),
  })
  .strict();

describe.each(STACKS)("TargetGroupBinding against its CRD's schema (%s)", (stack) => {
  const bindings = ofType(loadPlan(stack), "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding");
  const [tgb] = bindings;

  it("validates, every service's binding", () => {
    expect(bindings).toHaveLength(3);
    for (const b of bindings) expect(targetGroupBindingSchema.safeParse(b.inputs).error?.issues, b.name).toBeUndefined();
  });

  it("rejects a broken binding (the schema is live)", () => {
    const bad = (f: (o: any) => void) => {
      const o = JSON.parse(JSON.stringify(tgb.inputs));
      f(o);
      return targetGroupBindingSchema.safeParse(o).success;
    };
    expect(bad((o) => (o.spec.targetType = "pod"))).toBe(false);
    expect(bad((o) => delete o.spec.serviceRef.port)).toBe(false);
    expect(bad((o) => (o.spec.targetGroupArn = o.spec.targetGroupARN))).toBe(false);
    expect(bad((o) => (o.spec.targetGroupProtocol = "GRPC"))).toBe(false);
  });
});
