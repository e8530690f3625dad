import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** Key-policy changes keep the lockout safety check. */
export const awsKmsKeyNoBypassLockoutCheck = resourcePolicy(
  {
    name: "aws-kms-key-no-bypass-lockout-check",
    description: "KMS keys never bypass the policy lockout safety check, which stops a key policy from locking every administrator out.",
    severity: "high",
    remediationSteps: "Remove bypassPolicyLockoutSafetyCheck (or set it to false).",
    frameworks: ["CP aws-kms-key-disallow-bypass-policy-lockout-safety-check"],
    seed: true,
  },
  aws.kms.Key,
  (key) => (key.bypassPolicyLockoutSafetyCheck === true ? "bypassPolicyLockoutSafetyCheck is true." : undefined),
);
