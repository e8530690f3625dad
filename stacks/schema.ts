import { z } from "zod";
import { dataProblems, dataSchema } from "./data";
import { clusterEnvironmentProblems, clusterSchema, meshSchema, privateAccessProblems } from "./compute";
import { edgeSchema } from "./edge";
import { networkSchema } from "./network";
import { observabilitySchema } from "./observability";
import { securitySchema } from "./security";
import { servicesSchema } from "./services";

/** The two environments this program knows; each has a profile of defaults. */
export const ENVIRONMENTS = ["dev", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** CloudWatch Logs accepts only these retention periods, in days. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const tagValue = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().min(1).max(256).regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u))
  .describe("1-256 characters: letters, digits, spaces and _ . : / = + - @");

/**
 * Every setting of a stack, after its environment's defaults are applied. Each field's
 * `describe()` text is what the error message shows as "allowed".
 */
export const settingsSchema = z
  .object({
    /**
     * The environment whose profile (stacks/profiles.ts) gives the defaults, and whose policy config
     * (policies/config/<environment>.json) judges the plan.
     * @default - the stack's name when it is `dev` or `prod`; any other stack must set it.
     */
    environment: z.enum(ENVIRONMENTS).describe(ENVIRONMENTS.join(" | ")),
    /**
     * The AWS region of every regional resource; the program builds its AWS provider from it
     * (`aws:region` is refused).
     * @default - none: the stack file sets it (both ship `us-east-1`).
     */
    region: z
      .string()
      .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/)
      .describe("an AWS region name such as us-east-1"),
    /**
     * Default tags on every AWS resource, next to the fixed `Project`, `Stack`, `Environment` and
     * `ManagedBy`.
     * @default - see its fields.
     */
    tags: z
      .object({
        /**
         * The owning team: the `Owner` tag.
         * @default - none: the stack file sets it.
         */
        owner: tagValue,
        /**
         * The cost center: the `CostCenter` tag (quote numbers in YAML, or they arrive as numbers and are
         * turned into text).
         * @default - none: the stack file sets it.
         */
        costCenter: tagValue,
        /**
         * More tags, by name; the fixed tags win on a name clash.
         * @default - none (`{}`) in both environments.
         */
        extra: z.record(z.string().regex(/^(?!aws:)[\w.:/=+\-@ ]{1,128}$/), tagValue).describe(
          "a map of extra tag names (not starting with aws:) to values",
        ),
      })
      .strict()
      .describe("owner, costCenter and extra"),
    /**
     * Retention of every log group the stack creates, in days (a CloudWatch Logs period).
     * @default - dev 30, prod 365 (stacks/profiles.ts).
     */
    logRetentionDays: z
      .number()
      .int()
      .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), "is not a CloudWatch Logs retention period")
      .describe(`one of ${LOG_RETENTION_DAYS.join(", ")}`),
    /**
     * Protect keys, log groups and data stores from deletion (`protect`), and turn on ALB deletion
     * protection.
     * @default - dev false, prod true (stacks/profiles.ts).
     */
    protectStateful: z.boolean().describe("true | false"),
    /**
     * The VPC: its CIDR, AZs, NAT strategy and the Kubernetes service range.
     * @default - see its fields.
     */
    network: networkSchema,
    /**
     * The EKS cluster and its managed node group.
     * @default - see its fields.
     */
    cluster: clusterSchema,
    /**
     * Istio, its ingress gateway and the API gateway layer (JWT, rate limit).
     * @default - see its fields.
     */
    mesh: meshSchema,
    /**
     * The microservices, by name (a DNS label: it names the namespace, service account and IAM role).
     * @default - none: the stack files declare `user`, `product` and `order`; each service's fields default to SERVICE_DEFAULTS (stacks/profiles.ts).
     */
    services: servicesSchema,
    /**
     * The shared data tier: HA, Redis, Kafka, Redshift, the pipeline, buckets, rotation and backups.
     * @default - see its fields.
     */
    data: dataSchema,
    /**
     * The public edge: the domain and its Route 53 zone, host names, WAF rate limit, ALB idle timeout.
     * @default - see its fields.
     */
    edge: edgeSchema,
    /**
     * Who owns the account-wide audit and detection services.
     * @default - see its fields.
     */
    security: securitySchema,
    /**
     * The in-cluster metrics stack: Prometheus's retention, volume, replicas and memory.
     * @default - see its fields.
     */
    observability: observabilitySchema,
  })
  .strict()
  .superRefine((s, ctx) => {
    for (const p of clusterEnvironmentProblems(s.environment, s.cluster)) {
      ctx.addIssue({ code: "custom", path: p.path, message: p.message });
    }
    for (const p of dataProblems({ services: s.services, data: s.data, environment: s.environment })) {
      ctx.addIssue({ code: "custom", path: p.path, message: p.message });
    }
    for (const p of privateAccessProblems(s.network.cidr, s.cluster)) {
      ctx.addIssue({ code: "custom", path: p.path, message: p.message });
    }
    (s.network.availabilityZones ?? []).forEach((az, i) => {
      if (!az.startsWith(s.region)) {
        ctx.addIssue({
          code: "custom",
          path: ["network", "availabilityZones", i],
          message: `is not in the stack's region ${s.region}`,
        });
      }
    });
  });

/** Validated settings, with every default resolved. */
export type Settings = Omit<z.output<typeof settingsSchema>, "network"> & {
  /** The Pulumi stack these settings are for. */
  readonly stack: string;
  readonly network: z.output<typeof networkSchema> & { readonly availabilityZones: string[] };
};
