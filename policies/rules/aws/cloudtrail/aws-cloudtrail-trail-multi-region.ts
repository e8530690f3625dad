import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** Trails cover every region. */
export const awsCloudtrailTrailMultiRegion = resourcePolicy(
  {
    name: "aws-cloudtrail-trail-multi-region",
    description: "CloudTrail trails record events from every region, including global service events.",
    severity: "high",
    remediationSteps: "Set isMultiRegionTrail to true and leave includeGlobalServiceEvents on.",
    frameworks: ["CKV_AWS_67", "CIS 3.1"],
  },
  aws.cloudtrail.Trail,
  (t) => [t.isMultiRegionTrail !== true && "isMultiRegionTrail is not true.", t.includeGlobalServiceEvents === false && "includeGlobalServiceEvents is false."],
);
