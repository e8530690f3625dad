import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { managedPolicyArn, serviceTrustPolicy } from "../shared/iam";

/** The only managed policies a node needs: joining the cluster and pulling from ECR (the CNI has its own IRSA role). */
const NODE_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"] as const;

export interface NodeGroupArgs {
  /** The cluster the nodes join. */
  readonly clusterName: pulumi.Input<string>;
  /** The Kubernetes version of the nodes (the cluster's). */
  readonly version: string;
  /** The private application subnets; the nodes live nowhere else. */
  readonly subnetIds: pulumi.Input<string>[];
  /** The EC2 instance type. */
  readonly instanceType: string;
  /** The node count at creation, from `minSize` to `maxSize`; the cluster autoscaler owns it afterwards. */
  readonly desiredSize: number;
  /** The fewest nodes the group runs (the capacity policy sizes the cluster at this count). */
  readonly minSize: number;
  /** The most nodes the cluster autoscaler may scale the group to; above `minSize`. */
  readonly maxSize: number;
  /** The root volume size, in GiB. */
  readonly diskSizeGiB: number;
  /** The KMS key that encrypts the root volumes. */
  readonly volumeKeyArn: pulumi.Input<string>;
  /** The security group of the nodes (the EKS cluster security group). */
  readonly nodeSecurityGroupId: pulumi.Input<string>;
  /** The AWS partition, for managed policy ARNs. */
  readonly partition: pulumi.Input<string>;
  /** The prefix of `Name` tags. */
  readonly namePrefix: string;
}

/**
 * A managed node group in the application subnets, through a launch template: gp3 root
 * volumes encrypted with the KMS key, IMDSv2 required with a hop limit of 1 (pods
 * cannot reach the node's credentials), no public IP, no remote access.
 */
export function createNodeGroup(
  name: string,
  args: NodeGroupArgs,
  opts: pulumi.CustomResourceOptions,
  dependsOn?: pulumi.Resource[],
): { role: aws.iam.Role; launchTemplate: aws.ec2.LaunchTemplate; nodeGroup: aws.eks.NodeGroup; attachments: aws.iam.RolePolicyAttachment[] } {
  const role = new aws.iam.Role(
    `${name}-role`,
    { description: "EKS managed nodes: join the cluster and pull images.", assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com") },
    opts,
  );
  const attachments = NODE_POLICIES.map(
    (policy) =>
      new aws.iam.RolePolicyAttachment(`${name}-${policy}`, { role: role.name, policyArn: managedPolicyArn(args.partition, policy) }, opts),
  );
  const launchTemplate = new aws.ec2.LaunchTemplate(
    `${name}-lt`,
    {
      description: "EKS nodes: encrypted gp3 root volume, IMDSv2 only, no public IP.",
      updateDefaultVersion: true,
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: {
            volumeSize: args.diskSizeGiB,
            volumeType: "gp3",
            encrypted: "true",
            kmsKeyId: args.volumeKeyArn,
            deleteOnTermination: "true",
          },
        },
      ],
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
      networkInterfaces: [
        { deviceIndex: 0, associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: [args.nodeSecurityGroupId] },
      ],
      monitoring: { enabled: true },
      tagSpecifications: [
        { resourceType: "instance", tags: { Name: `${args.namePrefix}-node` } },
        { resourceType: "volume", tags: { Name: `${args.namePrefix}-node` } },
      ],
      tags: { Name: `${args.namePrefix}-node` },
    },
    opts,
  );
  const nodeGroup = new aws.eks.NodeGroup(
    `${name}-group`,
    {
      clusterName: args.clusterName,
      version: args.version,
      nodeRoleArn: role.arn,
      subnetIds: args.subnetIds,
      instanceTypes: [args.instanceType],
      amiType: "AL2023_x86_64_STANDARD",
      capacityType: "ON_DEMAND",
      scalingConfig: { minSize: args.minSize, maxSize: args.maxSize, desiredSize: args.desiredSize },
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: launchTemplate.id, version: pulumi.interpolate`${launchTemplate.latestVersion}` },
      labels: { "platform/role": "application" },
      tags: { Name: `${args.namePrefix}-nodes` },
    },
    // The CNI (and kube-proxy) must be there before a node can become ready. The cluster
    // autoscaler moves the desired size; an update must not reset it.
    { ...opts, dependsOn: [...attachments, ...(dependsOn ?? [])], ignoreChanges: ["scalingConfig.desiredSize"] },
  );
  return { role, launchTemplate, nodeGroup, attachments };
}
