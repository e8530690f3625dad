import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { AwsIdentity } from "../shared/identity";
import { createKmsKey, logsGrant } from "../shared/kms";
import { ClusterAddons } from "./ClusterAddons";
import { ClusterAutoscaler } from "./ClusterAutoscaler";
import { ServiceLinkedRoleMode, issuerHost, irsaTrustPolicy, managedPolicyArn, rootCaThumbprint, serviceTrustPolicy, STS_AUDIENCE } from "./iam";
import { kubeconfig } from "./kubeconfig";
import { createNodeGroup } from "./nodes";
import { PodSecurityGroupMode } from "./podSecurityGroups";
import { EKS_VERSIONS, EksAddonName, EksVersion } from "./versions";

/** The five control-plane log types; all are on (NAG EKS2, CKV_AWS_37, FSBP EKS.8). */
const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

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
   * Keep the keys and the log group on `pulumi destroy` and refuse to delete them.
   * @default - false.
   */
  readonly protectStateful?: boolean;
}

/** The VPC CNI's settings: NetworkPolicy enforcement on, pod ENIs when pods get security groups. */
export function vpcCniConfiguration(mode: PodSecurityGroupMode): Record<string, unknown> {
  return {
    enableNetworkPolicy: "true",
    ...(mode === "perService" ? { env: { ENABLE_POD_ENI: "true", POD_SECURITY_GROUP_ENFORCING_MODE: "standard" } } : {}),
  };
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
  public readonly logsKeyArn: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;
  /** The in-cluster add-ons (metrics-server, Secrets Store CSI); depend on it before using them. */
  public readonly addons: ClusterAddons;
  /** The node autoscaler (cluster-autoscaler), which gives an HPA's scale-out its nodes. */
  public readonly autoscaler: ClusterAutoscaler;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster:Cluster", name, {}, opts);
    const id = args.identity;
    const child = { parent: this };
    const stateful = { parent: this, protect: args.protectStateful ?? false };
    const tag = (role: string) => ({ Name: `${args.namePrefix}-${role}` });

    // IAM: the control plane's role.
    const clusterRole = new aws.iam.Role(
      `${name}-role`,
      { description: "The EKS control plane.", assumeRolePolicy: serviceTrustPolicy("eks.amazonaws.com") },
      child,
    );
    const clusterPolicies = ["AmazonEKSClusterPolicy", ...(args.podSecurityGroups === "perService" ? ["AmazonEKSVPCResourceController"] : [])];
    const clusterAttachments = clusterPolicies.map(
      (p) => new aws.iam.RolePolicyAttachment(`${name}-role-${p}`, { role: clusterRole.name, policyArn: managedPolicyArn(id.partition, p) }, child),
    );

    // Keys: one per purpose.
    const secretsKey = createKmsKey(
      `${name}-secrets-key`,
      {
        description: `${args.namePrefix} EKS secrets envelope encryption`,
        identity: id,
        userRoleArns: [clusterRole.arn],
        grantRoleArns: [clusterRole.arn],
        alias: `${args.namePrefix}/eks-secrets`,
      },
      stateful,
    );
    // The node volumes key names the Auto Scaling service-linked role (it attaches the
    // encrypted volumes of the node group's instances). KMS rejects a key policy whose
    // principal does not exist, and a fresh account has no such role until its first Auto
    // Scaling group, so the stack creates it first unless the account already has it. It
    // is account-wide: destroying the stack leaves it for the account's other groups.
    const autoscalingRole = pulumi.interpolate`arn:${id.partition}:iam::${id.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
    const serviceLinkedRole =
      (args.autoscalingServiceLinkedRole ?? "create") === "create"
        ? [
            new aws.iam.ServiceLinkedRole(
              `${name}-autoscaling-slr`,
              { awsServiceName: "autoscaling.amazonaws.com", description: "Auto Scaling: launches the EKS nodes and attaches their encrypted volumes." },
              { parent: this, retainOnDelete: true },
            ),
          ]
        : [];
    const volumesKey = createKmsKey(
      `${name}-volumes-key`,
      {
        description: `${args.namePrefix} EKS node volumes`,
        identity: id,
        userRoleArns: [autoscalingRole],
        grantRoleArns: [autoscalingRole],
        alias: `${args.namePrefix}/eks-volumes`,
      },
      { ...stateful, dependsOn: serviceLinkedRole },
    );
    const logsKey = createKmsKey(
      `${name}-logs-key`,
      { description: `${args.namePrefix} EKS control-plane and workload logs`, identity: id, services: [logsGrant(id)], alias: `${args.namePrefix}/eks-logs` },
      stateful,
    );
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/aws/eks/${args.clusterName}/cluster`, retentionInDays: args.logRetentionDays, kmsKeyId: logsKey.arn, tags: tag("eks-logs") },
      stateful,
    );

    // The additional control-plane security group: the API on 443 from the application subnets.
    const controlPlaneSg = new aws.ec2.SecurityGroup(
      `${name}-control-plane-sg`,
      { vpcId: args.vpcId, description: "EKS control plane: the Kubernetes API from the application subnets.", tags: tag("eks-control-plane") },
      child,
    );
    args.subnetCidrs.forEach((cidr, i) => {
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-control-plane-api-${i}`,
        {
          securityGroupId: controlPlaneSg.id,
          cidrIpv4: cidr,
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          description: `The Kubernetes API from application subnet ${cidr}.`,
        },
        child,
      );
    });
    // Operators and CI outside the VPC (VPN, peering): the same port, one rule per range.
    (args.privateAccessCidrs ?? []).forEach((cidr, i) => {
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-control-plane-private-access-${i}`,
        {
          securityGroupId: controlPlaneSg.id,
          cidrIpv4: cidr,
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          description: `The Kubernetes API (private endpoint) from ${cidr}, outside the VPC.`,
        },
        child,
      );
    });

    const publicCidrs = [...(args.publicAccessCidrs ?? [])];
    const cluster = new aws.eks.Cluster(
      `${name}-eks`,
      {
        name: args.clusterName,
        version: args.version,
        roleArn: clusterRole.arn,
        vpcConfig: {
          subnetIds: args.subnetIds,
          securityGroupIds: [controlPlaneSg.id],
          endpointPrivateAccess: true,
          endpointPublicAccess: publicCidrs.length > 0,
          ...(publicCidrs.length > 0 ? { publicAccessCidrs: publicCidrs } : {}),
        },
        kubernetesNetworkConfig: { serviceIpv4Cidr: args.serviceCidr, ipFamily: "ipv4" },
        encryptionConfig: { resources: ["secrets"], provider: { keyArn: secretsKey.arn } },
        enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
        bootstrapSelfManagedAddons: false,
        upgradePolicy: { supportType: "STANDARD" },
        tags: tag("eks"),
      },
      { parent: this, dependsOn: [logGroup, ...clusterAttachments] },
    );
    const issuer = cluster.identities.apply((ids) => ids[0].oidcs![0].issuer!);
    const nodeSecurityGroupId = cluster.vpcConfig.apply((v) => v.clusterSecurityGroupId!);

    // IRSA: the cluster's OIDC issuer as an IAM identity provider.
    const chain = tls.getCertificateOutput({ url: issuer }, { parent: this });
    const oidc = new aws.iam.OpenIdConnectProvider(
      `${name}-oidc`,
      {
        url: issuer,
        clientIdLists: [STS_AUDIENCE],
        // The root CA's thumbprint, not the leaf's (the list is root first).
        thumbprintLists: [chain.certificates.apply(rootCaThumbprint)],
        tags: tag("eks-oidc"),
      },
      child,
    );
    const host = issuerHost(issuer);
    const irsaRole = (role: string, namespace: string, serviceAccount: string, policy: string) => {
      const r = new aws.iam.Role(
        `${name}-${role}-irsa`,
        {
          description: `IRSA for ${namespace}/${serviceAccount}.`,
          assumeRolePolicy: irsaTrustPolicy({ oidcProviderArn: oidc.arn, issuerHost: host, namespace, serviceAccount }),
        },
        child,
      );
      const attachment = new aws.iam.RolePolicyAttachment(
        `${name}-${role}-irsa-policy`,
        { role: r.name, policyArn: managedPolicyArn(id.partition, policy) },
        child,
      );
      return { role: r, attachment };
    };

    // Access: the admin role from the settings, through the access-entry API.
    if (args.adminRoleArn) {
      const entry = new aws.eks.AccessEntry(
        `${name}-admin`,
        { clusterName: cluster.name, principalArn: args.adminRoleArn, type: "STANDARD" },
        child,
      );
      new aws.eks.AccessPolicyAssociation(
        `${name}-admin-policy`,
        {
          clusterName: cluster.name,
          principalArn: args.adminRoleArn,
          policyArn: pulumi.interpolate`arn:${id.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
          accessScope: { type: "cluster" },
        },
        { parent: this, dependsOn: [entry] },
      );
    }

    // EKS add-ons, pinned per version. The CNI and kube-proxy come before the nodes,
    // CoreDNS and the EBS CSI driver after them (they need a node to become active).
    const versions = EKS_VERSIONS[args.version];
    const addon = (addonName: EksAddonName, extra: Partial<aws.eks.AddonArgs>, dependsOn: pulumi.Resource[]) =>
      new aws.eks.Addon(
        `${name}-${addonName}`,
        {
          clusterName: cluster.name,
          addonName,
          addonVersion: versions[addonName],
          resolveConflictsOnCreate: "OVERWRITE",
          resolveConflictsOnUpdate: "OVERWRITE",
          ...extra,
        },
        { parent: this, dependsOn },
      );
    const cniIrsa = irsaRole("vpc-cni", "kube-system", "aws-node", "AmazonEKS_CNI_Policy");
    const vpcCni = addon(
      "vpc-cni",
      { serviceAccountRoleArn: cniIrsa.role.arn, configurationValues: JSON.stringify(vpcCniConfiguration(args.podSecurityGroups)) },
      [cniIrsa.attachment],
    );
    const kubeProxy = addon("kube-proxy", {}, []);

    const nodes = createNodeGroup(
      `${name}-nodes`,
      {
        clusterName: cluster.name,
        version: args.version,
        subnetIds: args.subnetIds,
        instanceType: args.instanceType,
        desiredSize: args.desiredSize,
        minSize: args.minSize,
        maxSize: args.maxSize,
        diskSizeGiB: args.diskSizeGiB,
        volumeKeyArn: volumesKey.arn,
        nodeSecurityGroupId,
        partition: id.partition,
        namePrefix: args.namePrefix,
      },
      child,
      [vpcCni, kubeProxy],
    );
    const coredns = addon("coredns", { configurationValues: JSON.stringify({ replicaCount: 2 }) }, [nodes.nodeGroup]);
    const ebsIrsa = irsaRole("ebs-csi", "kube-system", "ebs-csi-controller-sa", "service-role/AmazonEBSCSIDriverPolicy");
    addon("aws-ebs-csi-driver", { serviceAccountRoleArn: ebsIrsa.role.arn }, [nodes.nodeGroup, ebsIrsa.attachment]);

    // Kubernetes: a provider from the endpoint and CA, and the in-cluster add-ons.
    const config = kubeconfig({
      clusterName: cluster.name,
      endpoint: cluster.endpoint,
      certificateAuthorityData: cluster.certificateAuthority.apply((ca) => ca.data!),
      region: id.region,
    });
    this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: config, enableServerSideApply: true }, { parent: this, dependsOn: [nodes.nodeGroup] });
    this.addons = new ClusterAddons(`${name}-addons`, {}, { parent: this, providers: { kubernetes: this.provider }, dependsOn: [coredns] });
    this.autoscaler = new ClusterAutoscaler(
      `${name}-autoscaler`,
      {
        clusterName: cluster.name,
        kubernetesVersion: args.version,
        region: id.region,
        oidcProviderArn: oidc.arn,
        oidcIssuerHost: host,
        nodeGroupArns: [nodes.nodeGroup.arn],
      },
      { parent: this, providers: { kubernetes: this.provider }, dependsOn: [coredns] },
    );

    this.clusterName = cluster.name;
    this.endpoint = cluster.endpoint;
    this.certificateAuthorityData = cluster.certificateAuthority.apply((ca) => ca.data!);
    this.oidcProviderArn = oidc.arn;
    this.oidcIssuerUrl = issuer;
    this.oidcIssuerHost = host;
    this.kubeconfig = config;
    this.nodeSecurityGroupId = nodeSecurityGroupId;
    this.controlPlaneSecurityGroupId = controlPlaneSg.id;
    this.podSecurityGroups = args.podSecurityGroups;
    this.nodeRoleArn = nodes.role.arn;
    this.secretsKeyArn = secretsKey.arn;
    this.volumesKeyArn = volumesKey.arn;
    this.logsKeyArn = logsKey.arn;
    this.logGroupName = logGroup.name;
    this.registerOutputs({
      clusterName: this.clusterName,
      endpoint: this.endpoint,
      oidcProviderArn: this.oidcProviderArn,
      kubeconfig: this.kubeconfig,
      nodeSecurityGroupId: this.nodeSecurityGroupId,
    });
  }
}
