import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** The analytics store is private. */
export const awsRedshiftClusterNotPublic = resourcePolicyOfTypes(
  {
    name: "aws-redshift-cluster-not-public",
    description: "Redshift clusters and Redshift Serverless workgroups are not publicly accessible (a cluster must say so explicitly, since its default is public).",
    severity: "critical",
    remediationSteps: "Set publiclyAccessible to false.",
    frameworks: ["AG redshift-cluster-public-access-check", "CKV_AWS_87", "FSBP Redshift.1"],
  },
  [aws.redshift.Cluster, aws.redshiftserverless.Workgroup],
  (props, args) => {
    if (args.isType(aws.redshift.Cluster)) return props.publiclyAccessible !== false ? "publiclyAccessible is not explicitly false." : undefined;
    return props.publiclyAccessible === true ? "publiclyAccessible is true." : undefined;
  },
);
