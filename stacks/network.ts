import { z } from "zod";
import { AWS_MIN_PREFIX, MAX_AZ_COUNT, MAX_VPC_PREFIX, MIN_AZ_COUNT } from "../components/network/layout";
import { NAT_STRATEGIES, NatStrategy } from "../components/network/nat";
import { cidrProblem, isPrivate, isRfc1918, overlaps, parseCidr } from "../lib/cidr";

/**
 * Why `natStrategy: None` is refused rather than planned: a cluster with no way out
 * cannot start. Its nodes pull the Istio, add-on and service images from public
 * registries, and it needs AWS APIs the VPC has no endpoints for (EC2, Elastic Load
 * Balancing, Auto Scaling, EKS); a fully private cluster would mirror every image into
 * the same region's ECR and add those endpoints, which this program does not do.
 */
export const NAT_NONE_REJECTED =
  "is not supported: with no NAT gateway the cluster cannot start, because its nodes pull Istio, add-on and service images from public registries (docker.io, registry.k8s.io, ghcr.io) and call AWS APIs the VPC has no endpoints for (EC2, Elastic Load Balancing, Auto Scaling, EKS)";

/** A string that must be an IPv4 CIDR; `what` says which kind, for the error message. */
function cidrString(what: string) {
  return z
    .string()
    .superRefine((text, ctx) => {
      const problem = cidrProblem(text);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    })
    .describe(what);
}

export const networkSchema = z
  .object({
    /**
     * The VPC's IPv4 block; it is carved into the application, public and data tiers.
     * @default - `10.0.0.0/16` in both environments (stacks/profiles.ts).
     */
    cidr: cidrString(
      `a private IPv4 CIDR (10/8, 172.16/12, 192.168/16 or 100.64/10) with a prefix from /${AWS_MIN_PREFIX} to /${MAX_VPC_PREFIX}, e.g. 10.0.0.0/16`,
    ).superRefine((text, ctx) => {
      if (cidrProblem(text)) return;
      const cidr = parseCidr(text);
      if (cidr.prefix < AWS_MIN_PREFIX) {
        ctx.addIssue({ code: "custom", message: `is larger than AWS allows for a VPC (/${AWS_MIN_PREFIX} at most)` });
      } else if (cidr.prefix > MAX_VPC_PREFIX) {
        ctx.addIssue({
          code: "custom",
          message: `is too small for 3 tiers x the AZ count: every subnet would be smaller than /28, the smallest AWS subnet`,
        });
      } else if (!isPrivate(cidr)) {
        ctx.addIssue({ code: "custom", message: "is not a private range" });
      }
    }),
    /**
     * How many Availability Zones the subnets span (one subnet per tier and AZ).
     * @default - 3 in both environments (stacks/profiles.ts).
     */
    azCount: z
      .number()
      .int()
      .min(MIN_AZ_COUNT)
      .max(MAX_AZ_COUNT)
      .describe(`a whole number from ${MIN_AZ_COUNT} to ${MAX_AZ_COUNT}`),
    /**
     * The AZ names, in order; AZ i always takes slot i of each tier, so adding one moves nothing.
     * @default - the first `azCount` AZs of the region: `<region>a`, `<region>b`, ...
     */
    availabilityZones: z
      .array(z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/).describe("an AZ name such as us-east-1a"))
      .optional()
      .describe("a list of azCount distinct AZ names in the stack's region, e.g. [us-east-1a, us-east-1b, us-east-1c]"),
    /**
     * How the application subnets reach the internet: one NAT gateway per AZ, or one shared.
     * @default - dev `Single`, prod `OnePerAz` (stacks/profiles.ts).
     */
    natStrategy: z
      .string()
      .superRefine((value, ctx) => {
        if (value === "None") ctx.addIssue({ code: "custom", message: NAT_NONE_REJECTED });
        else if (!(NAT_STRATEGIES as readonly string[]).includes(value)) {
          ctx.addIssue({ code: "invalid_enum_value", options: [...NAT_STRATEGIES], received: value });
        }
      })
      .transform((value) => value as NatStrategy)
      .describe(NAT_STRATEGIES.join(" | ")),
    /**
     * The Kubernetes service IP range (EKS `serviceIpv4Cidr`), outside the VPC.
     * @default - `172.20.0.0/16` in both environments (stacks/profiles.ts).
     */
    serviceCidr: cidrString(
      "an RFC 1918 IPv4 CIDR from /12 to /24 that does not overlap network.cidr, e.g. 172.20.0.0/16",
    ).superRefine((text, ctx) => {
      if (cidrProblem(text)) return;
      const cidr = parseCidr(text);
      if (!isRfc1918(cidr) || cidr.prefix < 12 || cidr.prefix > 24) {
        ctx.addIssue({ code: "custom", message: "is not an RFC 1918 range from /12 to /24, as EKS requires" });
      }
    }),
  })
  .strict()
  .superRefine((net, ctx) => {
    if (!cidrProblem(net.cidr) && !cidrProblem(net.serviceCidr) && overlaps(parseCidr(net.cidr), parseCidr(net.serviceCidr))) {
      ctx.addIssue({ code: "custom", path: ["serviceCidr"], message: `overlaps network.cidr ${net.cidr}` });
    }
    const azs = net.availabilityZones;
    if (azs && azs.length !== net.azCount) {
      ctx.addIssue({
        code: "custom",
        path: ["availabilityZones"],
        message: `lists ${azs.length} AZs but network.azCount is ${net.azCount}`,
      });
    }
    if (azs && new Set(azs).size !== azs.length) {
      ctx.addIssue({ code: "custom", path: ["availabilityZones"], message: "repeats an AZ" });
    }
  });

