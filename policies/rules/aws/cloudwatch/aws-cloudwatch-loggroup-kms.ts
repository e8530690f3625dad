import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { resourcePolicy } from "../../../lib/resource";

/** Log groups are encrypted with a customer-managed key. */
export const awsCloudwatchLogGroupKms = resourcePolicy(
  {
    name: "aws-cloudwatch-loggroup-kms",
    description: "CloudWatch log groups are encrypted with a customer-managed KMS key.",
    severity: "medium",
    remediationSteps: "Set kmsKeyId on the log group to a customer-managed key whose policy lets logs.<region>.amazonaws.com use it.",
    frameworks: ["CKV_AWS_158"],
    seed: true,
  },
  aws.cloudwatch.LogGroup,
  (g) => customerManagedKeyProblem(g.kmsKeyId, "kmsKeyId"),
);
