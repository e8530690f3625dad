import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { resourcePolicy } from "../../../lib/resource";

/** Trail logs are encrypted with a customer-managed key. */
export const awsCloudtrailTrailKms = resourcePolicy(
  {
    name: "aws-cloudtrail-trail-kms",
    description: "CloudTrail trails encrypt their log files with a customer-managed KMS key.",
    severity: "high",
    remediationSteps: "Set kmsKeyId on the trail to a customer-managed key whose policy lets cloudtrail.amazonaws.com use it.",
    frameworks: ["CKV_AWS_35", "CIS 3.7", "CIS 3.5"],
    seed: true,
  },
  aws.cloudtrail.Trail,
  (t) => customerManagedKeyProblem(t.kmsKeyId, "kmsKeyId"),
);
