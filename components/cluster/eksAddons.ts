import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EksAddonName } from "./versions";
import { ClusterOidc, createClusterIrsaRole } from "./irsa";
import type { PodSecurityGroupMode } from "./podSecurityGroups";

/** The VPC CNI's settings: NetworkPolicy enforcement on, pod ENIs when pods get security groups. */
export function vpcCniConfiguration(mode: PodSecurityGroupMode): Record<string, unknown> {
  return {
    enableNetworkPolicy: "true",
    ...(mode === "perService" ? { env: { ENABLE_POD_ENI: "true", POD_SECURITY_GROUP_ENFORCING_MODE: "standard" } } : {}),
  };
}

/** What every EKS add-on of the cluster is installed with. */
export interface EksAddonsArgs {
  /** The cluster. */
  readonly clusterName: pulumi.Input<string>;
  /** The pinned version of each add-on, for the cluster's Kubernetes version. */
  readonly versions: Readonly<Record<EksAddonName, string>>;
  /** The cluster's OIDC provider, for the add-ons' IRSA roles. */
  readonly oidc: ClusterOidc;
  /** The AWS partition, for managed policy ARNs. */
  readonly partition: pulumi.Input<string>;
}

/** One EKS add-on (`<name>-<addon>`) at its pinned version; conflicts with what EKS installed are overwritten. */
function createEksAddon(
  name: string,
  addonName: EksAddonName,
  args: EksAddonsArgs & { readonly extra?: Partial<aws.eks.AddonArgs> },
  parent: pulumi.Resource,
  dependsOn: pulumi.Resource[],
): aws.eks.Addon {
  return new aws.eks.Addon(
    `${name}-${addonName}`,
    {
      clusterName: args.clusterName,
      addonName,
      addonVersion: args.versions[addonName],
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      ...args.extra,
    },
    { parent, dependsOn },
  );
}

/**
 * The add-ons the nodes need to join: the VPC CNI (its IRSA role `<name>-vpc-cni-irsa`,
 * NetworkPolicy enforcement, pod ENIs by `podSecurityGroups`) and kube-proxy. The node
 * group depends on what this returns.
 */
export function installNetworkAddons(name: string, args: EksAddonsArgs & { readonly podSecurityGroups: PodSecurityGroupMode }, parent: pulumi.Resource): aws.eks.Addon[] {
  const cniIrsa = createClusterIrsaRole(
    `${name}-vpc-cni`,
    { oidc: args.oidc, namespace: "kube-system", serviceAccount: "aws-node", managedPolicy: "AmazonEKS_CNI_Policy", partition: args.partition },
    parent,
  );
  const vpcCni = createEksAddon(
    name,
    "vpc-cni",
    { ...args, extra: { serviceAccountRoleArn: cniIrsa.role.arn, configurationValues: JSON.stringify(vpcCniConfiguration(args.podSecurityGroups)) } },
    parent,
    [cniIrsa.attachment],
  );
  const kubeProxy = createEksAddon(name, "kube-proxy", args, parent, []);
  return [vpcCni, kubeProxy];
}

/**
 * The add-ons that need a node to become active, after `nodeGroup`: CoreDNS (two
 * replicas) and the EBS CSI driver (its IRSA role `<name>-ebs-csi-irsa`). Returns
 * CoreDNS, which the in-cluster add-ons wait for, and the EBS CSI driver's role (what may
 * use the volumes key for PersistentVolumes).
 */
export function installNodeAddons(
  name: string,
  args: EksAddonsArgs & { readonly nodeGroup: pulumi.Resource },
  parent: pulumi.Resource,
): { readonly coredns: aws.eks.Addon; readonly ebsCsiRole: aws.iam.Role } {
  const { nodeGroup, ...common } = args;
  const coredns = createEksAddon(name, "coredns", { ...common, extra: { configurationValues: JSON.stringify({ replicaCount: 2 }) } }, parent, [nodeGroup]);
  const ebsIrsa = createClusterIrsaRole(
    `${name}-ebs-csi`,
    { oidc: args.oidc, namespace: "kube-system", serviceAccount: "ebs-csi-controller-sa", managedPolicy: "service-role/AmazonEBSCSIDriverPolicy", partition: args.partition },
    parent,
  );
  createEksAddon(name, "aws-ebs-csi-driver", { ...common, extra: { serviceAccountRoleArn: ebsIrsa.role.arn } }, parent, [nodeGroup, ebsIrsa.attachment]);
  return { coredns, ebsCsiRole: ebsIrsa.role };
}
