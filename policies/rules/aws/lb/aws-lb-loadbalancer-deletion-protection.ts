import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Load balancers cannot be deleted by accident. */
export const awsLbLoadBalancerDeletionProtection = resourcePolicyOfTypes(
  {
    name: "aws-lb-loadbalancer-deletion-protection",
    description: "Load balancers have deletion protection on (required in prod, advisory in dev).",
    severity: "medium",
    remediationSteps: "Set enableDeletionProtection to true on the load balancer.",
    frameworks: ["CKV_AWS_150", "FSBP ELB.6"],
    availability: true,
  },
  [aws.lb.LoadBalancer, aws.alb.LoadBalancer],
  (props) => (props.enableDeletionProtection !== true ? "enableDeletionProtection is not true." : undefined),
);
