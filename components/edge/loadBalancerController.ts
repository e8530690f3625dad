import * as pulumi from "@pulumi/pulumi";
import type { PinnedChart } from "../cluster/charts";
import type { AwsIdentity } from "../shared/identity";

/** The AWS Load Balancer Controller chart (eks-charts), pinned: chart 3.5.0 ships controller v3.5.0. */
export const LOAD_BALANCER_CONTROLLER: PinnedChart = {
  chart: "aws-load-balancer-controller",
  version: "3.5.0",
  repo: "https://aws.github.io/eks-charts",
};

/** Where the controller runs, and the service account its IRSA role trusts. */
export const LBC = { namespace: "kube-system", serviceAccount: "aws-load-balancer-controller", release: "aws-load-balancer-controller" } as const;

/** Read-only calls the controller makes to discover the VPC, the target group and target health (from its documented policy). */
export const LBC_DESCRIBE_ACTIONS = [
  "ec2:DescribeAccountAttributes",
  "ec2:DescribeAddresses",
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeInternetGateways",
  "ec2:DescribeVpcs",
  "ec2:DescribeVpcPeeringConnections",
  "ec2:DescribeSubnets",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeInstances",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeTags",
  "ec2:DescribeRouteTables",
  "ec2:GetSecurityGroupsForVpc",
  "elasticloadbalancing:DescribeLoadBalancers",
  "elasticloadbalancing:DescribeLoadBalancerAttributes",
  "elasticloadbalancing:DescribeListeners",
  "elasticloadbalancing:DescribeListenerAttributes",
  "elasticloadbalancing:DescribeRules",
  "elasticloadbalancing:DescribeTargetGroups",
  "elasticloadbalancing:DescribeTargetGroupAttributes",
  "elasticloadbalancing:DescribeTargetHealth",
  "elasticloadbalancing:DescribeTags",
] as const;

/**
 * The controller's IAM policy, cut down from its documented `iam_policy.json` to what a
 * `TargetGroupBinding` needs: the documented read-only discovery calls, and registering
 * and deregistering targets in the edge's gateway target groups, those of the stack's
 * Region and account whose `Name` tag is one of `targetGroupNameTags` (`*` wildcards
 * allowed). By tag rather than by ARN, so the policy never narrows under a binding
 * being deleted: when a target group is replaced or a service removed, the old
 * binding's finalizer still deregisters its targets after the new groups exist. It can
 * create, change or delete no load balancer, listener, rule, target group, security
 * group or tag: the ALB, its rules, target groups and security groups are Pulumi's, so
 * an Ingress or a LoadBalancer Service handed to the controller fails with AccessDenied
 * instead of opening a second door.
 */
export function controllerPolicy(identity: AwsIdentity, targetGroupNameTags: readonly string[]): pulumi.Output<string> {
  return pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "Discover", Effect: "Allow", Action: [...LBC_DESCRIBE_ACTIONS], Resource: "*" },
      {
        Sid: "RegisterGatewayPods",
        Effect: "Allow",
        Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
        Resource: pulumi.interpolate`arn:${identity.partition}:elasticloadbalancing:${identity.region}:${identity.accountId}:targetgroup/*/*`,
        Condition: { StringLike: { "aws:ResourceTag/Name": [...targetGroupNameTags] } },
      },
    ],
  });
}

export interface ControllerValuesArgs {
  /** The EKS cluster's name. */
  readonly clusterName: pulumi.Input<string>;
  /** The stack's region. */
  readonly region: string;
  /** The VPC (so the controller needs no instance metadata). */
  readonly vpcId: pulumi.Input<string>;
  /** The controller's IRSA role. */
  readonly roleArn: pulumi.Input<string>;
}

/**
 * The chart's values: two replicas spread over zones with a PDB, explicit requests and a
 * memory limit, Pod Security `restricted` contexts, IRSA on the service account, and no
 * IngressClass or Service webhook (the controller only serves TargetGroupBindings).
 */
export function controllerValues(args: ControllerValuesArgs): Record<string, unknown> {
  return {
    clusterName: args.clusterName,
    region: args.region,
    vpcId: args.vpcId,
    replicaCount: 2,
    serviceAccount: {
      create: true,
      name: LBC.serviceAccount,
      annotations: { "eks.amazonaws.com/role-arn": args.roleArn },
    },
    createIngressClassResource: false,
    enableServiceMutatorWebhook: false,
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    podSecurityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534, seccompProfile: { type: "RuntimeDefault" } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    },
    podDisruptionBudget: { maxUnavailable: 1 },
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: "topology.kubernetes.io/zone",
        whenUnsatisfiable: "ScheduleAnyway",
        labelSelector: { matchLabels: { "app.kubernetes.io/name": LOAD_BALANCER_CONTROLLER.chart } },
      },
    ],
  };
}
