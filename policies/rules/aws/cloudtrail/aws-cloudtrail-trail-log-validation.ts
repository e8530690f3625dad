import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** Trail log files are signed so tampering shows. */
export const awsCloudtrailTrailLogValidation = resourcePolicy(
  {
    name: "aws-cloudtrail-trail-log-validation",
    description: "CloudTrail trails have log file validation on, so any change to a delivered log file can be detected.",
    severity: "medium",
    remediationSteps: "Set enableLogFileValidation to true on the trail.",
    frameworks: ["CKV_AWS_36", "CIS 3.2"],
  },
  aws.cloudtrail.Trail,
  (t) => (t.enableLogFileValidation !== true ? "enableLogFileValidation is not true." : undefined),
);
