import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Desync mitigation is defensive or strictest. */
export const awsLbLoadBalancerDesyncMitigation = resourcePolicyOfTypes(
  {
    name: "aws-lb-loadbalancer-desync-mitigation",
    description: "Application load balancers use the defensive or strictest HTTP desync mitigation mode.",
    severity: "medium",
    remediationSteps: "Set desyncMitigationMode to defensive (the default) or strictest; never monitor.",
    frameworks: ["CKV_AWS_328", "FSBP ELB.12"],
  },
  [aws.lb.LoadBalancer, aws.alb.LoadBalancer],
  (props) => {
    const mode = props.desyncMitigationMode ?? "defensive";
    return (props.loadBalancerType ?? "application") === "application" && !["defensive", "strictest"].includes(mode)
      ? `desyncMitigationMode is ${mode}; use defensive or strictest.`
      : undefined;
  },
);
