import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** The protection plans the platform needs, as GuardDuty feature names. */
const REQUIRED: Record<string, string[]> = {
  "EKS protection": ["EKS_AUDIT_LOGS", "EKS_RUNTIME_MONITORING", "RUNTIME_MONITORING"],
  "S3 protection": ["S3_DATA_EVENTS"],
  "RDS protection": ["RDS_LOGIN_EVENTS"],
};

/** GuardDuty watches EKS, S3 and RDS. */
export const awsGuarddutyDetectorFeatures = stackPolicy(
  {
    name: "aws-guardduty-detector-features",
    description: "Every GuardDuty detector has EKS, S3 and RDS protection enabled as detector features.",
    severity: "medium",
    remediationSteps: "Add aws.guardduty.DetectorFeature resources with status ENABLED for EKS_AUDIT_LOGS (or RUNTIME_MONITORING), S3_DATA_EVENTS and RDS_LOGIN_EVENTS.",
    frameworks: ["CKV_AWS_238", "FSBP GuardDuty.5", "FSBP GuardDuty.9"],
  },
  (stack, args) => {
    const detectors = stack.ofType(aws.guardduty.Detector);
    if (detectors.length === 0) args.notApplicable("The stack has no GuardDuty detector.");
    return detectors.flatMap((d) => {
      const enabled = stack
        .referrers(d, "detectorId", aws.guardduty.DetectorFeature)
        .filter((f) => known(() => f.props.status) === "ENABLED")
        .map((f) => String(known(() => f.props.name)));
      const missing = Object.entries(REQUIRED).filter(([, names]) => !names.some((n) => enabled.includes(n))).map(([plan]) => plan);
      return missing.length > 0 ? [{ urn: d.urn, message: `${label(d)} does not enable ${missing.join(", ")}.` }] : [];
    });
  },
);
