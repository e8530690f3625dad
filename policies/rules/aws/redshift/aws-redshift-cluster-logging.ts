import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** Redshift audit logging is on. */
export const awsRedshiftClusterLogging = stackPolicy(
  {
    name: "aws-redshift-cluster-logging",
    description: "Redshift clusters have audit logging (inline or an aws.redshift.Logging resource), and serverless namespaces export their logs.",
    severity: "medium",
    remediationSteps: "Add an aws.redshift.Logging for the cluster, or set logExports (connectionlog, userlog, useractivitylog) on the serverless namespace.",
    frameworks: ["CKV_AWS_71", "AG redshift-cluster-configuration-check"],
  },
  (stack, args) => {
    const clusters = stack.ofType(aws.redshift.Cluster);
    const namespaces = stack.ofType(aws.redshiftserverless.Namespace);
    if (clusters.length + namespaces.length === 0) args.notApplicable("The stack has no Redshift cluster or namespace.");
    return [
      ...clusters
        .filter((c) => known(() => c.props.logging?.enable) !== true && stack.referrers(c, "clusterIdentifier", aws.redshift.Logging).length === 0)
        .map((c) => ({ urn: c.urn, message: `${label(c)} has no audit logging.` })),
      ...namespaces
        .filter((n) => ((known(() => n.props.logExports) as string[] | undefined) ?? []).length === 0)
        .map((n) => ({ urn: n.urn, message: `${label(n)} exports no logs (logExports is empty).` })),
    ];
  },
);
