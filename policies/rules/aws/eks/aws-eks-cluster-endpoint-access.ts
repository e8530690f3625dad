import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

interface Config {
  /** Whether the stack may keep a public endpoint limited to named CIDRs (dev). */
  readonly allowRestrictedPublicAccess: boolean;
}

/** The API server is reachable privately; publicly only where the stack allows, and never from anywhere. */
export const awsEksClusterEndpointAccess = resourcePolicy(
  {
    name: "aws-eks-cluster-endpoint-access",
    description:
      "EKS clusters have private endpoint access on and public endpoint access off; a stack whose pack config allows it (dev) may keep a public endpoint limited to named CIDRs, never 0.0.0.0/0.",
    severity: "high",
    remediationSteps: "Set vpcConfig.endpointPrivateAccess to true and endpointPublicAccess to false (in dev, publicAccessCidrs to the office/VPN ranges).",
    frameworks: ["NAG EKS1", "CKV_AWS_38", "CKV_AWS_39", "FSBP EKS.1"],
    configSchema: { properties: { allowRestrictedPublicAccess: { type: "boolean", default: false } } },
  },
  aws.eks.Cluster,
  (c, args) => {
    const { allowRestrictedPublicAccess } = args.getConfig<Config>();
    const vpc = c.vpcConfig;
    const isPublic = vpc?.endpointPublicAccess !== false;
    const cidrs = vpc?.publicAccessCidrs ?? ["0.0.0.0/0"];
    return [
      vpc?.endpointPrivateAccess !== true && "vpcConfig.endpointPrivateAccess is not true.",
      isPublic && !allowRestrictedPublicAccess && "vpcConfig.endpointPublicAccess is not false.",
      isPublic && allowRestrictedPublicAccess && cidrs.includes("0.0.0.0/0") && "The public endpoint is open to 0.0.0.0/0; limit vpcConfig.publicAccessCidrs.",
    ];
  },
);
