import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Application load balancers drop invalid HTTP headers. */
export const awsLbLoadBalancerDropInvalidHeaders = resourcePolicyOfTypes(
  {
    name: "aws-lb-loadbalancer-drop-invalid-headers",
    description: "Application load balancers drop HTTP headers that are not valid, which blocks request-smuggling tricks.",
    severity: "medium",
    remediationSteps: "Set dropInvalidHeaderFields to true on the load balancer.",
    frameworks: ["CKV_AWS_131", "FSBP ELB.4", "AG alb-http-drop-invalid-header-enabled"],
  },
  [aws.lb.LoadBalancer, aws.alb.LoadBalancer],
  (props) =>
    (props.loadBalancerType ?? "application") === "application" && props.dropInvalidHeaderFields !== true ? "dropInvalidHeaderFields is not true." : undefined,
);
