import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** Every VPC has a flow log that captures all traffic. */
export const awsEc2VpcFlowLogsAll = stackPolicy(
  {
    name: "aws-ec2-vpc-flow-logs-all",
    description: "Every VPC has a flow log that records all traffic (traffic type ALL).",
    severity: "medium",
    remediationSteps: "Add an aws.ec2.FlowLog with vpcId set to the VPC and trafficType ALL, delivering to an encrypted log group or bucket.",
    frameworks: ["CKV2_AWS_11", "NAG VPC7", "CIS 3.9", "CIS 3.7", "FSBP EC2.6"],
  },
  (stack, args) => {
    const vpcs = stack.ofType(aws.ec2.Vpc);
    if (vpcs.length === 0) args.notApplicable("The stack has no VPC.");
    return vpcs.flatMap((vpc) => {
      const logs = stack.referrers(vpc, "vpcId", aws.ec2.FlowLog);
      if (logs.length === 0) return [{ urn: vpc.urn, message: `${label(vpc)} has no flow log.` }];
      if (logs.some((l) => known(() => l.props.trafficType) === "ALL")) return [];
      const types = logs.map((l) => String(known(() => l.props.trafficType) ?? "unset")).join(", ");
      return [{ urn: vpc.urn, message: `${label(vpc)} has flow logs of traffic type ${types}, none of type ALL.` }];
    });
  },
);
