import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Load balancers write access logs. */
export const awsLbLoadBalancerAccessLogs = resourcePolicyOfTypes(
  {
    name: "aws-lb-loadbalancer-access-logs",
    description: "Load balancers write access logs to an S3 bucket.",
    severity: "medium",
    remediationSteps: "Set accessLogs with enabled true and the log bucket on the load balancer.",
    frameworks: ["AG elb-logging-enabled", "CKV_AWS_91", "FSBP ELB.5", "CP aws-alb-loadbalancer-enable-access-logging"],
  },
  [aws.lb.LoadBalancer, aws.alb.LoadBalancer],
  (props) => {
    const logs = props.accessLogs as { enabled?: boolean; bucket?: string } | undefined;
    if (!logs || logs.enabled === false) return "accessLogs is not enabled.";
    return logs.bucket ? undefined : "accessLogs has no bucket.";
  },
);
