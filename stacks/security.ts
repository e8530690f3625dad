import { z } from "zod";

/**
 * Who owns the account-wide audit and detection services (CloudTrail, GuardDuty, AWS
 * Config, Security Hub), which AWS allows once per account and region:
 * - `create`: this stack creates them (one stack per account and region may).
 * - `existing`: the account already has them, from an organisation-wide setup (delegated
 *   administrator, Control Tower) or from another stack in the same account; this stack
 *   creates none, so dev and prod in one account do not collide.
 */
const ACCOUNT_SERVICES = ["create", "existing"] as const;

/** The audit, detection and alarm settings (platform.md, "Shared services"). */
export const securitySchema = z
  .object({
    /**
     * `create`: this stack creates the account's CloudTrail trail, GuardDuty detector, AWS Config
     * recorder and Security Hub (one stack per account and region); `existing`: another owner has them.
     * @default - dev `existing`, prod `create` (stacks/profiles.ts).
     */
    accountServices: z.enum(ACCOUNT_SERVICES).describe(ACCOUNT_SERVICES.join(" | ")),
  })
  .strict()
  .describe("accountServices (create | existing)");
