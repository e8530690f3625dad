import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { managedPolicyArn, serviceTrustPolicy } from "../shared/iam";
import type { PodSecurityGroupMode } from "./podSecurityGroups";

/** The five control-plane log types; all are on (NAG EKS2, CKV_AWS_37, FSBP EKS.8). */
const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** The managed policies of the control plane's role: the VPC resource controller too when pods get their own ENIs. */
export function controlPlanePolicies(mode: PodSecurityGroupMode): string[] {
  return ["AmazonEKSClusterPolicy", ...(mode === "perService" ? ["AmazonEKSVPCResourceController"] : [])];
}

export interface ControlPlaneRoleArgs {
  /** The AWS partition, for the managed policies' ARNs. */
  readonly partition: pulumi.Input<string>;
  /** How pods are told apart by security groups (`perService` needs the VPC resource controller). */
  readonly podSecurityGroups: PodSecurityGroupMode;
}

/** The EKS control plane's role (`<name>-role`), trusted by EKS only, and its managed policies (`<name>-role-<policy>`). */
export function createControlPlaneRole(
  name: string,
  args: ControlPlaneRoleArgs,
  parent: pulumi.Resource,
): { role: aws.iam.Role; attachments: aws.iam.RolePolicyAttachment[] } {
  const role = new aws.iam.Role(`${name}-role`, { description: "The EKS control plane.", assumeRolePolicy: serviceTrustPolicy("eks.amazonaws.com") }, { parent });
  const attachments = controlPlanePolicies(args.podSecurityGroups).map(
    (p) => new aws.iam.RolePolicyAttachment(`${name}-role-${p}`, { role: role.name, policyArn: managedPolicyArn(args.partition, p) }, { parent }),
  );
  return { role, attachments };
}

export interface ControlPlaneSecurityGroupArgs {
  /** The VPC of the cluster. */
  readonly vpcId: pulumi.Input<string>;
  /** The application subnets' CIDRs, admitted on 443. */
  readonly subnetCidrs: readonly string[];
  /**
   * Private CIDRs outside the VPC (VPN, peering) admitted on 443.
   * @default - none.
   */
  readonly privateAccessCidrs?: readonly string[];
  /** The prefix of the `Name` tag. */
  readonly namePrefix: string;
}

/**
 * The additional control-plane security group (`<name>-control-plane-sg`): the
 * Kubernetes API on 443 from each application subnet (`-api-<i>`) and from each private
 * range outside the VPC (`-private-access-<i>`), one standalone rule per CIDR.
 */
export function createControlPlaneSecurityGroup(name: string, args: ControlPlaneSecurityGroupArgs, parent: pulumi.Resource): aws.ec2.SecurityGroup {
  const sg = new aws.ec2.SecurityGroup(
    `${name}-control-plane-sg`,
    { vpcId: args.vpcId, description: "EKS control plane: the Kubernetes API from the application subnets.", tags: { Name: `${args.namePrefix}-eks-control-plane` } },
    { parent },
  );
  const rule = (logical: string, cidr: string, description: string) =>
    new aws.vpc.SecurityGroupIngressRule(logical, { securityGroupId: sg.id, cidrIpv4: cidr, ipProtocol: "tcp", fromPort: 443, toPort: 443, description }, { parent });
  args.subnetCidrs.forEach((cidr, i) => rule(`${name}-control-plane-api-${i}`, cidr, `The Kubernetes API from application subnet ${cidr}.`));
  // Operators and CI outside the VPC (VPN, peering): the same port, one rule per range.
  (args.privateAccessCidrs ?? []).forEach((cidr, i) =>
    rule(`${name}-control-plane-private-access-${i}`, cidr, `The Kubernetes API (private endpoint) from ${cidr}, outside the VPC.`),
  );
  return sg;
}

export interface EksClusterArgs {
  /** The EKS cluster name. */
  readonly clusterName: string;
  /** The Kubernetes version. */
  readonly version: string;
  /** The control plane's role. */
  readonly roleArn: pulumi.Input<string>;
  /** The private application subnets (control-plane ENIs). */
  readonly subnetIds: pulumi.Input<string>[];
  /** The additional control-plane security group. */
  readonly securityGroupId: pulumi.Input<string>;
  /**
   * Public CIDRs allowed to the public endpoint.
   * @default - none: the public endpoint is off.
   */
  readonly publicAccessCidrs?: readonly string[];
  /** The Kubernetes service CIDR. */
  readonly serviceCidr: string;
  /** The key that envelope-encrypts Kubernetes secrets. */
  readonly secretsKeyArn: pulumi.Input<string>;
  /** The prefix of the `Name` tag. */
  readonly namePrefix: string;
}

/**
 * The EKS cluster (`<name>-eks`): private endpoint on, public endpoint off unless CIDRs
 * are given, secrets encrypted with their key, every control-plane log type, access
 * entries (API mode), no self-managed add-ons, standard support only.
 */
export function createEksCluster(name: string, args: EksClusterArgs, opts: pulumi.CustomResourceOptions): aws.eks.Cluster {
  const publicCidrs = [...(args.publicAccessCidrs ?? [])];
  return new aws.eks.Cluster(
    `${name}-eks`,
    {
      name: args.clusterName,
      version: args.version,
      roleArn: args.roleArn,
      vpcConfig: {
        subnetIds: args.subnetIds,
        securityGroupIds: [args.securityGroupId],
        endpointPrivateAccess: true,
        endpointPublicAccess: publicCidrs.length > 0,
        ...(publicCidrs.length > 0 ? { publicAccessCidrs: publicCidrs } : {}),
      },
      kubernetesNetworkConfig: { serviceIpv4Cidr: args.serviceCidr, ipFamily: "ipv4" },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: args.secretsKeyArn } },
      enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
      bootstrapSelfManagedAddons: false,
      upgradePolicy: { supportType: "STANDARD" },
      tags: { Name: `${args.namePrefix}-eks` },
    },
    opts,
  );
}

export interface AdminAccessArgs {
  /** The cluster. */
  readonly clusterName: pulumi.Input<string>;
  /** The IAM role made cluster-admin. */
  readonly principalArn: string;
  /** The AWS partition, for the access policy's ARN. */
  readonly partition: pulumi.Input<string>;
}

/** Cluster-admin for one IAM role through the access-entry API: the entry (`<name>-admin`) and the admin policy association (`<name>-admin-policy`). */
export function createAdminAccess(name: string, args: AdminAccessArgs, parent: pulumi.Resource): aws.eks.AccessPolicyAssociation {
  const entry = new aws.eks.AccessEntry(`${name}-admin`, { clusterName: args.clusterName, principalArn: args.principalArn, type: "STANDARD" }, { parent });
  return new aws.eks.AccessPolicyAssociation(
    `${name}-admin-policy`,
    {
      clusterName: args.clusterName,
      principalArn: args.principalArn,
      policyArn: pulumi.interpolate`arn:${args.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
      accessScope: { type: "cluster" },
    },
    { parent, dependsOn: [entry] },
  );
}
