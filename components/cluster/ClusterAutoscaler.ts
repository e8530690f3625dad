import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterOidc, irsaTrustPolicy } from "../shared/iam";
import { CLUSTER_AUTOSCALER, clusterAutoscalerImageTag } from "./charts";

/** Where the autoscaler runs: `kube-system`, a system namespace (no sidecar, no app NetworkPolicies). */
const CLUSTER_AUTOSCALER_NAMESPACE = "kube-system";
/** The autoscaler's service account, the subject its IRSA role trusts. */
const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = "cluster-autoscaler";
/** The pods' CPU and memory requests (the capacity policy reads them from the values). */
const CLUSTER_AUTOSCALER_REQUESTS = { cpu: "100m", memory: "300Mi" } as const;

/** The read-only calls the autoscaler makes to discover groups, instance types and templates (any resource). */
const AUTOSCALER_DESCRIBE_ACTIONS = [
  "autoscaling:DescribeAutoScalingGroups",
  "autoscaling:DescribeAutoScalingInstances",
  "autoscaling:DescribeLaunchConfigurations",
  "autoscaling:DescribeScalingActivities",
  "ec2:DescribeImages",
  "ec2:DescribeInstanceTypes",
  "ec2:DescribeLaunchTemplateVersions",
  "ec2:GetInstanceTypesFromInstanceRequirements",
] as const;
/** The calls that change capacity: allowed only on groups tagged for this cluster's autoscaler. */
const AUTOSCALER_SCALE_ACTIONS = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"] as const;

interface ClusterAutoscalerPolicyArgs {
  /** The EKS cluster name (the ASG tag `k8s.io/cluster-autoscaler/<cluster>` carries it). */
  readonly clusterName: string;
  /** The managed node groups the autoscaler may describe (`eks:DescribeNodegroup`). */
  readonly nodeGroupArns: readonly string[];
}

/**
 * The autoscaler's IAM policy, least privilege per its AWS provider's documented policy:
 * describe calls on `*` (they take no resource), `eks:DescribeNodegroup` on the cluster's
 * node groups only, and scaling only on Auto Scaling groups that carry both discovery tags
 * EKS puts on a managed node group's group (`k8s.io/cluster-autoscaler/enabled=true`,
 * `k8s.io/cluster-autoscaler/<cluster>=owned`).
 */
function clusterAutoscalerPolicy(args: ClusterAutoscalerPolicyArgs): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "Discover", Effect: "Allow", Action: [...AUTOSCALER_DESCRIBE_ACTIONS], Resource: "*" },
      { Sid: "DescribeNodeGroups", Effect: "Allow", Action: "eks:DescribeNodegroup", Resource: [...args.nodeGroupArns] },
      {
        Sid: "ScaleOwnGroups",
        Effect: "Allow",
        Action: [...AUTOSCALER_SCALE_ACTIONS],
        Resource: "*",
        Condition: {
          StringEquals: {
            "aws:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true",
            [`aws:ResourceTag/k8s.io/cluster-autoscaler/${args.clusterName}`]: "owned",
          },
        },
      },
    ],
  };
}

interface ClusterAutoscalerValuesArgs {
  /** The EKS cluster name, for auto-discovery. */
  readonly clusterName: pulumi.Input<string>;
  /** The region of the Auto Scaling groups. */
  readonly region: string;
  /** The cluster's Kubernetes version; picks the image tag. */
  readonly kubernetesVersion: string;
  /** The IRSA role the service account assumes. */
  readonly roleArn: pulumi.Input<string>;
  /** Pods; with more than one, one leads and a PDB keeps one up. */
  readonly replicas: number;
}

/**
 * The chart's values: auto-discovery by the ASG tags, the image of the cluster's Kubernetes
 * minor, the IRSA service account, explicit requests, non-root pods that pass Pod Security
 * `restricted`, a PDB when there is more than one replica, and scale-down of nodes whose
 * pods use `emptyDir` (the services' `/tmp`).
 */
function clusterAutoscalerValues(args: ClusterAutoscalerValuesArgs): Record<string, unknown> {
  return {
    cloudProvider: "aws",
    awsRegion: args.region,
    autoDiscovery: { clusterName: args.clusterName },
    fullnameOverride: "cluster-autoscaler",
    image: { tag: clusterAutoscalerImageTag(args.kubernetesVersion) },
    replicaCount: args.replicas,
    rbac: {
      create: true,
      serviceAccount: {
        create: true,
        name: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
        annotations: { "eks.amazonaws.com/role-arn": args.roleArn },
      },
    },
    resources: { requests: { ...CLUSTER_AUTOSCALER_REQUESTS }, limits: { memory: "600Mi" } },
    securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534, seccompProfile: { type: "RuntimeDefault" } },
    containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } },
    ...(args.replicas > 1 ? { podDisruptionBudget: { maxUnavailable: 1 } } : {}),
    priorityClassName: "system-cluster-critical",
    extraArgs: {
      expander: "least-waste",
      "balance-similar-node-groups": true,
      "skip-nodes-with-local-storage": false,
    },
  };
}

export interface ClusterAutoscalerArgs extends ClusterOidc {
  /** The EKS cluster name. */
  readonly clusterName: pulumi.Input<string>;
  /** The cluster's Kubernetes version (the image follows it). */
  readonly kubernetesVersion: string;
  /** The region of the node groups. */
  readonly region: string;
  /** The managed node groups the autoscaler scales. */
  readonly nodeGroupArns: pulumi.Input<string>[];
  /**
   * Autoscaler pods.
   * @default - 2: a leader and a standby, with a PDB.
   */
  readonly replicas?: number;
  /**
   * How long Helm waits for the release, in seconds.
   * @default - 600.
   */
  readonly timeoutSeconds?: number;
}

/**
 * The Kubernetes cluster autoscaler, by pinned Helm chart in `kube-system`: it grows the
 * managed node group when pods (e.g. an HPA's scale-out) cannot be scheduled and shrinks it
 * back to the minimum. Its own IRSA role may only describe, and scale the Auto Scaling
 * groups tagged for this cluster.
 *
 * Providers: `aws` and `kubernetes` through `opts.providers`.
 */
export class ClusterAutoscaler extends pulumi.ComponentResource {
  /** The autoscaler's IRSA role. */
  public readonly roleArn: pulumi.Output<string>;
  /** The Helm release name. */
  public readonly releaseName: pulumi.Output<string>;

  constructor(name: string, args: ClusterAutoscalerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster:ClusterAutoscaler", name, {}, opts);
    const replicas = args.replicas ?? 2;
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description: `IRSA for ${CLUSTER_AUTOSCALER_NAMESPACE}/${CLUSTER_AUTOSCALER_SERVICE_ACCOUNT}: scales the cluster's node groups.`,
        assumeRolePolicy: irsaTrustPolicy({
          oidcProviderArn: args.oidcProviderArn,
          issuerHost: args.oidcIssuerHost,
          namespace: CLUSTER_AUTOSCALER_NAMESPACE,
          serviceAccount: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
        }),
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.name,
        policy: pulumi
          .all([pulumi.output(args.clusterName), pulumi.all(args.nodeGroupArns)])
          .apply(([clusterName, nodeGroupArns]) => JSON.stringify(clusterAutoscalerPolicy({ clusterName, nodeGroupArns }))),
      },
      { parent: this },
    );
    const release = new k8s.helm.v3.Release(
      `${name}-release`,
      {
        name: "cluster-autoscaler",
        chart: CLUSTER_AUTOSCALER.chart,
        version: CLUSTER_AUTOSCALER.version,
        repositoryOpts: { repo: CLUSTER_AUTOSCALER.repo },
        namespace: CLUSTER_AUTOSCALER_NAMESPACE,
        values: clusterAutoscalerValues({
          clusterName: args.clusterName,
          region: args.region,
          kubernetesVersion: args.kubernetesVersion,
          roleArn: role.arn,
          replicas,
        }),
        atomic: true,
        cleanupOnFail: true,
        timeout: args.timeoutSeconds ?? 600,
      },
      // The role must be able to act before the pods start.
      { parent: this, dependsOn: [policy] },
    );
    this.roleArn = role.arn;
    this.releaseName = release.name;
    this.registerOutputs({ roleArn: this.roleArn, releaseName: this.releaseName });
  }
}
