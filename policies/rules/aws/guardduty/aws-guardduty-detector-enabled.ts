import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** GuardDuty detectors are on. */
export const awsGuarddutyDetectorEnabled = resourcePolicy(
  {
    name: "aws-guardduty-detector-enabled",
    description: "GuardDuty detectors are enabled.",
    severity: "high",
    remediationSteps: "Set enable to true on the detector (the default).",
    frameworks: ["CKV_AWS_238", "FSBP GuardDuty.1"],
  },
  aws.guardduty.Detector,
  (d) => (d.enable === false ? "enable is false." : undefined),
);
