import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

type MetadataOptions = { httpEndpoint?: string; httpTokens?: string; httpPutResponseHopLimit?: number };

/** What is wrong with a launch template's or instance's metadata options. */
function metadataProblems(options: MetadataOptions | undefined): string[] {
  if (options?.httpEndpoint === "disabled") return [];
  return [
    ...(options?.httpTokens === "required" ? [] : [`metadataOptions.httpTokens is ${options?.httpTokens ?? "unset (optional)"}, so IMDSv1 answers unauthenticated requests; set it to required.`]),
    ...(options?.httpPutResponseHopLimit === 1
      ? []
      : [`metadataOptions.httpPutResponseHopLimit is ${options?.httpPutResponseHopLimit ?? "unset (the AMI's default, 2 on EKS AMIs)"}; set it to 1 so pods that do not use host networking cannot reach IMDS and the node role's credentials.`]),
  ];
}

/** Nodes and instances answer only IMDSv2, and only to the host itself. */
export const awsEc2InstanceImdsv2HopLimit = resourcePolicyOfTypes(
  {
    name: "aws-ec2-instance-imdsv2-hop-limit",
    description:
      "Launch templates and instances require IMDSv2 (metadataOptions.httpTokens required) with a response hop limit of 1 (or turn the metadata endpoint off), and EKS node groups use such a launch template instead of EKS's default one.",
    severity: "high",
    remediationSteps: "Set metadataOptions { httpEndpoint: \"enabled\", httpTokens: \"required\", httpPutResponseHopLimit: 1 } on the launch template, and give every node group that launch template.",
    frameworks: ["CKV_AWS_79", "CKV_AWS_341", "FSBP EC2.8", "FSBP EC2.170", "CIS 5.6"],
  },
  [aws.ec2.LaunchTemplate, aws.ec2.Instance, aws.eks.NodeGroup],
  (props, args) => {
    if (args.type === "aws:eks/nodeGroup:NodeGroup") {
      return props.launchTemplate
        ? undefined
        : "The node group has no launch template, so its nodes get EKS's default metadata options (hop limit 2: every pod can reach IMDS); give it a launch template with httpTokens required and hop limit 1.";
    }
    return metadataProblems(props.metadataOptions as MetadataOptions | undefined);
  },
);
