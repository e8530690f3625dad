import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ServiceLinkedRoleMode } from "./iam";
import { AwsIdentity } from "../shared/identity";
import { ClusterAddons } from "./ClusterAddons";
import { ClusterAutoscaler } from "./ClusterAutoscaler";
import { ContainerInsights } from "./ContainerInsights";
import { createAdminAccess, createControlPlaneRole, createControlPlaneSecurityGroup, createEksCluster } from "./controlPlane";
import { installNetworkAddons, installNodeAddons } from "./eksAddons";
import { installInClusterAddons } from "./inCluster";
import { createClusterOidc } from "./irsa";
import { createClusterKeys } from "./keys";
import { createNodeGroup } from "./nodes";
import { PodSecurityGroupMode } from "./podSecurityGroups";
import { EKS_VERSIONS, EksVersion } from "./versions";

export interface ClusterArgs {
  /** The EKS cluster name, e.g. `platform-prod` (the subnets are tagged for it). */
  readonly clusterName: string;
  /** The Kubernetes version; it also picks the pinned add-on versions. */
  readonly version: EksVersion;
  /** The VPC of the cluster. */
  readonly vpcId: pulumi.Input<string>;
  /** The private application subnets: control-plane ENIs and nodes go there only. */
  readonly subnetIds: pulumi.Input<string>[];
  /** The application subnets' CIDRs, admitted to the API endpoint on 443. */
  readonly subnetCidrs: readonly string[];
  /** The Kubernetes service CIDR (RFC 1918, outside the VPC). */
  readonly serviceCidr: string;
  /** The nodes' EC2 instance type. */
  readonly instanceType: string;
  /** The node count at creation; the cluster autoscaler owns it afterwards. */
  readonly desiredSize: number;
  /** The fewest nodes: the capacity the capacity policy checks the plan's pods against. */
  readonly minSize: number;
  /** The most nodes the cluster autoscaler may run; above `minSize`. */
  readonly maxSize: number;
  /**
   * Whether the stack creates the Auto Scaling service-linked role the node volumes key
   * names (`create`: a fresh account, where KMS would reject a key policy naming a role that
   * does not exist yet) or the account already has it (`existing`).
   * @default - `create`.
   */
  readonly autoscalingServiceLinkedRole?: ServiceLinkedRoleMode;
  /** The nodes' root volume size, in GiB. */
  readonly diskSizeGiB: number;
  /**
   * An IAM role given cluster-admin through an EKS access entry.
   * @default - no admin entry; only the identity that creates the cluster is admin.
   */
  readonly adminRoleArn?: string;
  /**
   * Public CIDRs allowed to the public API endpoint.
   * @default - none: the public endpoint is off and the API is reachable from the VPC only.
   */
  readonly publicAccessCidrs?: readonly string[];
  /**
   * Private CIDRs outside the VPC (a VPN, a peered CI runner) admitted to the private API
   * endpoint on 443 by the control plane's security group.
   * @default - none: only the application subnets reach the private endpoint.
   */
  readonly privateAccessCidrs?: readonly string[];
  /** How pods are told apart by security groups; `perService` turns on VPC CNI pod ENIs. */
  readonly podSecurityGroups: PodSecurityGroupMode;
  /** The account, partition and region. */
  readonly identity: AwsIdentity;
  /** Retention of the control-plane log group, in days. */
  readonly logRetentionDays: number;
  /** The prefix of `Name` tags and key aliases, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /**
   * Keep the cluster (its etcd), the keys and the log group on `pulumi destroy` and refuse to delete them.
   * @default - false.
   */
  readonly protectStateful?: boolean;
}

/** What other tiers need of the cluster for their IRSA roles and EKS add-ons: its name and its OIDC provider. */
export interface ClusterRef {
  /** The EKS cluster's name. */
  readonly clusterName: pulumi.Input<string>;
  /** The cluster's IAM OIDC provider ARN (IRSA trust policies name it). */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** The OIDC issuer URL (`https://oidc.eks...`). */
  readonly oidcIssuerUrl: pulumi.Input<string>;
}

/**
 * The EKS cluster in the private application subnets: private endpoint, public endpoint
 * off (or restricted), secrets encrypted with its own key, all control-plane logs to an
 * encrypted group, API access entries, the IRSA OIDC provider, a managed node group,
 * the pinned EKS add-ons, a Kubernetes provider and the in-cluster Helm add-ons.
 *
 * Providers: `aws` and `tls` through `opts.providers`.
 */
export class Cluster extends pulumi.ComponentResource {
  public readonly clusterName: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  public readonly certificateAuthorityData: pulumi.Output<string>;
  /** The IAM OIDC provider's ARN (IRSA trust policies name it). */
  public readonly oidcProviderArn: pulumi.Output<string>;
  /** The OIDC issuer URL (`https://oidc.eks...`). */
  public readonly oidcIssuerUrl: pulumi.Output<string>;
  /** The issuer without scheme, as IRSA condition keys spell it. */
  public readonly oidcIssuerHost: pulumi.Output<string>;
  /** The kubeconfig (exec auth through `aws eks get-token`); secret. */
  public readonly kubeconfig: pulumi.Output<string>;
  /** The Kubernetes provider every Kubernetes resource of the stack uses. */
  public readonly provider: k8s.Provider;
  /** The EKS cluster security group, carried by every node (and pod, in `node` mode). */
  public readonly nodeSecurityGroupId: pulumi.Output<string>;
  /** The additional control-plane security group. */
  public readonly controlPlaneSecurityGroupId: pulumi.Output<string>;
  /** How pods are told apart by security groups. */
  public readonly podSecurityGroups: PodSecurityGroupMode;
  public readonly nodeRoleArn: pulumi.Output<string>;
  /** Keys: Kubernetes secrets envelope encryption, node volumes, log groups. */
  public readonly secretsKeyArn: pulumi.Output<string>;
  public readonly volumesKeyArn: pulumi.Output<string>;
  /** The EBS CSI driver's IRSA role name (what may use the volumes key for PersistentVolumes). */
  public readonly ebsCsiRoleName: pulumi.Output<string>;
  public readonly logsKeyArn: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;
  /** The in-cluster add-ons (metrics-server, Secrets Store CSI); depend on it before using them. */
  public readonly addons: ClusterAddons;
  /** The node autoscaler (cluster-autoscaler), which gives an HPA's scale-out its nodes. */
  public readonly autoscaler: ClusterAutoscaler;
  /** Container Insights (the CloudWatch Observability add-on): the producer of the `ContainerInsights` metrics. */
  public readonly containerInsights: ContainerInsights;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster:Cluster", name, {}, opts);
    const id = args.identity;
    const controlPlaneRole = createControlPlaneRole(name, { partition: id.partition, podSecurityGroups: args.podSecurityGroups }, this);
    const keys = createClusterKeys(name, { ...args, controlPlaneRoleArn: controlPlaneRole.role.arn, protect: args.protectStateful }, this);
    const controlPlaneSg = createControlPlaneSecurityGroup(name, args, this);
    const cluster = createEksCluster(
      name,
      { ...args, roleArn: controlPlaneRole.role.arn, securityGroupId: controlPlaneSg.id, secretsKeyArn: keys.secretsKey.arn },
      // The cluster holds every workload's state (etcd): kept like the data stores.
      { parent: this, protect: args.protectStateful, dependsOn: [keys.logGroup, ...controlPlaneRole.attachments] },
    );
    const oidc = createClusterOidc(name, { issuerUrl: cluster.identities.apply((ids) => ids[0].oidcs![0].issuer!), namePrefix: args.namePrefix }, this);
    if (args.adminRoleArn) createAdminAccess(name, { clusterName: cluster.name, principalArn: args.adminRoleArn, partition: id.partition }, this);

    // EKS add-ons, pinned per version: the CNI and kube-proxy before the nodes, CoreDNS
    // and the EBS CSI driver after them (they need a node to become active).
    const addons = { clusterName: cluster.name, versions: EKS_VERSIONS[args.version], oidc, partition: id.partition };
    const nodeSecurityGroupId = cluster.vpcConfig.apply((v) => v.clusterSecurityGroupId!);
    const nodes = createNodeGroup(
      `${name}-nodes`,
      { ...args, clusterName: cluster.name, volumeKeyArn: keys.volumesKey.arn, nodeSecurityGroupId, partition: id.partition },
      { parent: this },
      installNetworkAddons(name, { ...addons, podSecurityGroups: args.podSecurityGroups }, this),
    );
    const nodeAddons = installNodeAddons(name, { ...addons, nodeGroup: nodes.nodeGroup }, this);
    // Container Insights: the pod metrics the platform's alarms watch.
    const insights = { addonVersion: addons.versions["amazon-cloudwatch-observability"], oidcProviderArn: oidc.provider.arn, oidcIssuerHost: oidc.issuerHost, logsKeyArn: keys.logsKey.arn };
    this.containerInsights = new ContainerInsights(`${name}-insights`, { ...args, ...insights, dependsOn: [nodes.nodeGroup, cluster] }, { parent: this });

    const certificateAuthorityData = cluster.certificateAuthority.apply((ca) => ca.data!);
    const inCluster = installInClusterAddons(
      name,
      { clusterName: cluster.name, endpoint: cluster.endpoint, certificateAuthorityData, kubernetesVersion: args.version, region: id.region, oidc, nodeGroups: [nodes.nodeGroup], addonsDependOn: [nodeAddons.coredns] },
      this,
    );

    this.provider = inCluster.provider;
    this.addons = inCluster.addons;
    this.autoscaler = inCluster.autoscaler;
    this.clusterName = cluster.name;
    this.endpoint = cluster.endpoint;
    this.certificateAuthorityData = certificateAuthorityData;
    this.oidcProviderArn = oidc.provider.arn;
    this.oidcIssuerUrl = oidc.issuerUrl;
    this.oidcIssuerHost = oidc.issuerHost;
    this.kubeconfig = inCluster.kubeconfig;
    this.nodeSecurityGroupId = nodeSecurityGroupId;
    this.controlPlaneSecurityGroupId = controlPlaneSg.id;
    this.podSecurityGroups = args.podSecurityGroups;
    this.nodeRoleArn = nodes.role.arn;
    this.secretsKeyArn = keys.secretsKey.arn;
    this.volumesKeyArn = keys.volumesKey.arn;
    this.ebsCsiRoleName = nodeAddons.ebsCsiRole.name;
    this.logsKeyArn = keys.logsKey.arn;
    this.logGroupName = keys.logGroup.name;
    this.registerOutputs({
      clusterName: this.clusterName,
      endpoint: this.endpoint,
      oidcProviderArn: this.oidcProviderArn,
      kubeconfig: this.kubeconfig,
      nodeSecurityGroupId: this.nodeSecurityGroupId,
    });
  }
}
