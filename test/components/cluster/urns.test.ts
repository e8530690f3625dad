import { describe, expect, it } from "vitest";
import { STATEFUL_TYPES } from "../../../tools/diff/replace";
import { loadPlan, STACKS } from "../../support/plans";

/**
 * The cluster's URNs are a contract: a changed URN means Pulumi replaces the resource, and
 * for the EKS cluster that is every node, add-on and workload on it (and the Kubernetes
 * provider, which replaces every object it manages). Both stacks build the same set. A
 * refactor that renames or re-parents one of them fails here; add an alias (the old
 * parent or name) and update the pin on purpose.
 */
const C = "platform:cluster:Cluster";
const PINNED = [
  `${C}::cluster`,
  ...[
    "aws:eks/cluster:Cluster::cluster-eks",
    "pulumi:providers:kubernetes::cluster-k8s",
    "aws:cloudwatch/logGroup:LogGroup::cluster-logs",
    "aws:ec2/launchTemplate:LaunchTemplate::cluster-nodes-lt",
    "aws:eks/nodeGroup:NodeGroup::cluster-nodes-group",
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider::cluster-oidc",
    "aws:iam/serviceLinkedRole:ServiceLinkedRole::cluster-autoscaling-slr",
    "aws:ec2/securityGroup:SecurityGroup::cluster-control-plane-sg",
    ...[0, 1, 2].map((i) => `aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::cluster-control-plane-api-${i}`),
    ...["vpc-cni", "kube-proxy", "coredns", "aws-ebs-csi-driver"].map((a) => `aws:eks/addon:Addon::cluster-${a}`),
    ...["logs", "secrets", "volumes"].flatMap((k) => [`aws:kms/key:Key::cluster-${k}-key`, `aws:kms/alias:Alias::cluster-${k}-key-alias`]),
    "aws:iam/role:Role::cluster-role",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment::cluster-role-AmazonEKSClusterPolicy",
    "aws:iam/role:Role::cluster-nodes-role",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment::cluster-nodes-AmazonEKSWorkerNodePolicy",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment::cluster-nodes-AmazonEC2ContainerRegistryReadOnly",
    "aws:iam/role:Role::cluster-vpc-cni-irsa",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment::cluster-vpc-cni-irsa-policy",
    "aws:iam/role:Role::cluster-ebs-csi-irsa",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment::cluster-ebs-csi-irsa-policy",
    "platform:cluster:ClusterAddons::cluster-addons",
    ...["metrics-server", "secrets-store-csi-driver", "secrets-store-aws"].map((r) => `platform:cluster:ClusterAddons$kubernetes:helm.sh/v3:Release::cluster-addons-${r}`),
    "platform:cluster:ClusterAutoscaler::cluster-autoscaler",
    "platform:cluster:ClusterAutoscaler$aws:iam/role:Role::cluster-autoscaler-role",
    "platform:cluster:ClusterAutoscaler$aws:iam/rolePolicy:RolePolicy::cluster-autoscaler-policy",
    "platform:cluster:ClusterAutoscaler$kubernetes:helm.sh/v3:Release::cluster-autoscaler-release",
    "platform:cluster:ContainerInsights::cluster-insights",
    "platform:cluster:ContainerInsights$aws:eks/addon:Addon::cluster-insights-addon",
    "platform:cluster:ContainerInsights$aws:cloudwatch/logGroup:LogGroup::cluster-insights-performance",
    "platform:cluster:ContainerInsights$aws:iam/role:Role::cluster-insights-irsa",
    "platform:cluster:ContainerInsights$aws:iam/rolePolicy:RolePolicy::cluster-insights-irsa-policy",
  ].map((tail) => `${C}$${tail}`),
];

describe.each(STACKS)("cluster URNs (%s)", (stack) => {
  const doc = loadPlan(stack);
  const root = `urn:pulumi:${stack}::platform::`;
  const urns = new Set(doc.resources.map((r) => r.urn));
  const pinned = PINNED.map((tail) => `${root}${tail}`);

  it("still has every pinned URN (a missing one was renamed or re-parented: add an alias, then update the pin)", () => {
    expect(pinned.filter((u) => !urns.has(u))).toEqual([]);
  });

  it("is a child of the stack", () => {
    const cluster = doc.resources.find((r) => r.urn === `${root}${C}::cluster`);
    expect(cluster?.parent).toBe(`${root}pulumi:pulumi:Stack::platform-${stack}`);
  });

  it("pins every stateful resource, node group, add-on and provider of the cluster", () => {
    const sensitive = doc.resources
      .filter((r) => r.urn.startsWith(`${root}${C}`))
      .filter((r) => STATEFUL_TYPES.has(r.type) || ["aws:eks/nodeGroup:NodeGroup", "aws:eks/addon:Addon", "pulumi:providers:kubernetes", "kubernetes:helm.sh/v3:Release"].includes(r.type))
      .map((r) => r.urn);
    expect(sensitive.filter((u) => !pinned.includes(u))).toEqual([]);
  });
});
