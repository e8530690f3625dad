import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** Symmetric keys rotate yearly. */
export const awsKmsKeyRotation = resourcePolicy(
  {
    name: "aws-kms-key-rotation",
    description: "Symmetric customer-managed KMS keys have automatic key rotation on.",
    severity: "medium",
    remediationSteps: "Set enableKeyRotation to true on the key.",
    frameworks: ["AG cmk-backing-key-rotation-enabled", "CP aws-kms-key-enable-key-rotation", "NAG KMS5", "CKV_AWS_7", "CIS 3.8", "CIS 3.6", "FSBP KMS.4"],
    seed: true,
  },
  aws.kms.Key,
  (key, args) => {
    const spec = key.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    if (spec !== "SYMMETRIC_DEFAULT") args.notApplicable(`Keys of spec ${spec} cannot rotate automatically.`);
    return key.enableKeyRotation !== true ? "enableKeyRotation is not true." : undefined;
  },
);
