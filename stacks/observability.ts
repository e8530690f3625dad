import { z } from "zod";

/** Prometheus's memory request per environment's default: a Kubernetes quantity in Mi or Gi. */
const memory = z
  .string()
  .regex(/^[1-9]\d*(Mi|Gi)$/)
  .describe("a memory quantity in Mi or Gi, e.g. 512Mi");

/** The in-cluster metrics stack (platform.md, "Shared services"): Prometheus's retention and size. */
export const observabilitySchema = z
  .object({
    /**
     * Prometheus (kube-prometheus-stack) in the `observability` namespace.
     * @default - see its fields.
     */
    prometheus: z
      .object({
        /**
         * Days of metrics Prometheus keeps (it also stops at 85 % of its volume).
         * @default - 7 in dev, 30 in prod.
         */
        retentionDays: z.number().int().min(1).max(365).describe("a whole number of days from 1 to 365"),
        /**
         * Each Prometheus replica's encrypted gp3 volume, in GiB.
         * @default - 20 in dev, 100 in prod.
         */
        storageGiB: z.number().int().min(10).max(16384).describe("a whole number of GiB from 10 to 16384"),
        /**
         * Prometheus replicas; each scrapes every target and Alertmanager deduplicates their alerts.
         * @default - 1 in dev, 2 in prod.
         */
        replicas: z.number().int().min(1).max(3).describe("1, 2 or 3"),
        /**
         * Each replica's memory request (the limit is twice that).
         * @default - 512Mi in dev, 1Gi in prod.
         */
        memory,
      })
      .strict()
      .describe("retentionDays, storageGiB, replicas and memory"),
  })
  .strict()
  .describe("prometheus (retentionDays, storageGiB, replicas, memory)");
