import { z } from "zod";
import { dataProblems, dataSchema } from "./data";
import { clusterEnvironmentProblems, clusterSchema, meshSchema, privateAccessProblems } from "./compute";
import { edgeSchema } from "./edge";
import { networkSchema } from "./network";
import { securitySchema } from "./security";
import { servicesSchema } from "./services";

/** The two environments this program knows; each has a profile of defaults. */
export const ENVIRONMENTS = ["dev", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** CloudWatch Logs accepts only these retention periods, in days. */
export const LOG_RETENTION_DAYS = [
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
    environment: z.enum(ENVIRONMENTS).describe(ENVIRONMENTS.join(" | ")),
    region: z
      .string()
      .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/)
      .describe("an AWS region name such as us-east-1"),
    tags: z
      .object({
        owner: tagValue,
        costCenter: tagValue,
        extra: z.record(z.string().regex(/^(?!aws:)[\w.:/=+\-@ ]{1,128}$/), tagValue).describe(
          "a map of extra tag names (not starting with aws:) to values",
        ),
      })
      .strict()
      .describe("owner, costCenter and extra"),
    logRetentionDays: z
      .number()
      .int()
      .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), "is not a CloudWatch Logs retention period")
      .describe(`one of ${LOG_RETENTION_DAYS.join(", ")}`),
    protectStateful: z.boolean().describe("true | false"),
    network: networkSchema,
    cluster: clusterSchema,
    mesh: meshSchema,
    services: servicesSchema,
    data: dataSchema,
    edge: edgeSchema,
    security: securitySchema,
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

/** What a stack's config may set: everything, every field optional (profiles fill the rest). */
export type SettingsInput = z.input<typeof settingsSchema>;

/** Validated settings, with every default resolved. */
export type Settings = Omit<z.output<typeof settingsSchema>, "network"> & {
  /** The Pulumi stack these settings are for. */
  readonly stack: string;
  readonly network: z.output<typeof networkSchema> & { readonly availabilityZones: string[] };
};
