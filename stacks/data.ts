import { z } from "zod";

/**
 * Per-service data settings (database, cache, topics, events, filesystem, bucket),
 * merged into each service's settings by stacks/services.ts. Filled in by the data tier.
 */
export const serviceDataSchema = z.object({}).strict();

/** Shared data-tier settings (Redis, Kafka, pipeline, buckets, EFS, events). */
export const dataSchema = z.object({}).strict();
