import * as aws from "@pulumi/aws";
import { customerManagedKeyProblem } from "../../../lib/kms";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** The analytics store is encrypted with a customer-managed key. */
export const awsRedshiftClusterKms = resourcePolicyOfTypes(
  {
    name: "aws-redshift-cluster-kms",
    description: "Redshift clusters and Redshift Serverless namespaces are encrypted with a customer-managed KMS key.",
    severity: "high",
    remediationSteps: "Set encrypted and kmsKeyId on a cluster, or kmsKeyId on a serverless namespace, to a customer-managed key.",
    frameworks: ["AG redshift-cluster-configuration-check", "NAG RS3", "CKV_AWS_64", "CKV_AWS_142"],
    seed: true,
  },
  [aws.redshift.Cluster, aws.redshiftserverless.Namespace],
  (props, args) => [
    args.isType(aws.redshift.Cluster) && props.encrypted !== true && String(props.encrypted) !== "true" && "encrypted is not true.",
    customerManagedKeyProblem(props.kmsKeyId, "kmsKeyId"),
  ],
);
