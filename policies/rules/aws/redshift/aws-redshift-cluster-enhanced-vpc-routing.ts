import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Redshift traffic to S3 stays in the VPC. */
export const awsRedshiftClusterEnhancedVpcRouting = resourcePolicyOfTypes(
  {
    name: "aws-redshift-cluster-enhanced-vpc-routing",
    description: "Redshift clusters and serverless workgroups use enhanced VPC routing, so COPY and UNLOAD traffic stays inside the VPC.",
    severity: "medium",
    remediationSteps: "Set enhancedVpcRouting to true.",
    frameworks: ["CKV_AWS_321", "FSBP Redshift.7"],
  },
  [aws.redshift.Cluster, aws.redshiftserverless.Workgroup],
  (props) => (props.enhancedVpcRouting !== true ? "enhancedVpcRouting is not true." : undefined),
);
