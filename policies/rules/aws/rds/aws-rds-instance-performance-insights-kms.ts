import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Performance Insights data is encrypted with a customer-managed key. */
export const awsRdsInstancePerformanceInsightsKms = resourcePolicyOfTypes(
  {
    name: "aws-rds-instance-performance-insights-kms",
    description: "When Performance Insights is on, its data is encrypted with a customer-managed KMS key.",
    severity: "medium",
    remediationSteps: "Set performanceInsightsKmsKeyId to the service's customer-managed key.",
    frameworks: ["CKV_AWS_354", "CP aws-rds-instance-disallow-unencrypted-performance-insights"],
    seed: true,
  },
  [aws.rds.Instance, aws.rds.ClusterInstance, aws.rds.Cluster],
  (props) => (props.performanceInsightsEnabled === true ? customerManagedKeyProblem(props.performanceInsightsKmsKeyId, "performanceInsightsKmsKeyId") : undefined),
);
