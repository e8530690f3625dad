import { describe, expect, it } from "vitest";
import { controlPlanePolicies } from "../../../components/cluster/controlPlane";
import { loadPlan } from "../../support/plans";

/**
 * What the Cluster component registers directly (prod), as `type::name`. The constructor
 * is a sequence of helpers (controlPlane.ts, keys.ts, irsa.ts, eksAddons.ts, nodes.ts,
 * inCluster.ts), each given the component as parent: a helper that renamed a child or
 * parented it elsewhere would make `pulumi up` replace it (the cluster itself, its keys).
 * Change this list only together with `aliases`.
 */
const CHILDREN = [
  "aws:cloudwatch/logGroup:LogGroup::cluster-logs",
  "aws:ec2/launchTemplate:LaunchTemplate::cluster-nodes-lt",
  "aws:ec2/securityGroup:SecurityGroup::cluster-control-plane-sg",
  "aws:eks/addon:Addon::cluster-aws-ebs-csi-driver",
  "aws:eks/addon:Addon::cluster-coredns",
  "aws:eks/addon:Addon::cluster-kube-proxy",
  "aws:eks/addon:Addon::cluster-vpc-cni",
  "aws:eks/cluster:Cluster::cluster-eks",
  "aws:eks/nodeGroup:NodeGroup::cluster-nodes-group",
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider::cluster-oidc",
  "aws:iam/role:Role::cluster-ebs-csi-irsa",
  "aws:iam/role:Role::cluster-nodes-role",
  "aws:iam/role:Role::cluster-role",
  "aws:iam/role:Role::cluster-vpc-cni-irsa",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment::cluster-ebs-csi-irsa-policy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment::cluster-nodes-AmazonEC2ContainerRegistryReadOnly",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment::cluster-nodes-AmazonEKSWorkerNodePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment::cluster-role-AmazonEKSClusterPolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment::cluster-vpc-cni-irsa-policy",
  "aws:iam/serviceLinkedRole:ServiceLinkedRole::cluster-autoscaling-slr",
  "aws:kms/alias:Alias::cluster-logs-key-alias",
  "aws:kms/alias:Alias::cluster-secrets-key-alias",
  "aws:kms/alias:Alias::cluster-volumes-key-alias",
  "aws:kms/key:Key::cluster-logs-key",
  "aws:kms/key:Key::cluster-secrets-key",
  "aws:kms/key:Key::cluster-volumes-key",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::cluster-control-plane-api-0",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::cluster-control-plane-api-1",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::cluster-control-plane-api-2",
  "platform:cluster:ClusterAddons::cluster-addons",
  "platform:cluster:ClusterAutoscaler::cluster-autoscaler",
  "platform:cluster:ContainerInsights::cluster-insights",
  "pulumi:providers:kubernetes::cluster-k8s",
];

describe("the Cluster component's children (prod)", () => {
  const doc = loadPlan("prod");
  const cluster = doc.resources.find((r) => r.type === "platform:cluster:Cluster")!;

  it("are exactly the pinned resources, each a direct child of the component", () => {
    const children = doc.resources.filter((r) => r.parent === cluster.urn).map((r) => `${r.type}::${r.name}`).sort();
    expect(children).toEqual(CHILDREN);
    expect(cluster.urn).toBe("urn:pulumi:prod::platform::platform:cluster:Cluster::cluster");
  });
});

describe("controlPlanePolicies", () => {
  it("is the cluster policy, and the VPC resource controller only when pods get their own ENIs", () => {
    expect(controlPlanePolicies("node")).toEqual(["AmazonEKSClusterPolicy"]);
    expect(controlPlanePolicies("perService")).toEqual(["AmazonEKSClusterPolicy", "AmazonEKSVPCResourceController"]);
  });
});
