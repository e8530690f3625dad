import { describe, expect, it } from "vitest";
import { CONTAINER_INSIGHTS, containerInsightsConfiguration, containerInsightsPolicy, performanceLogGroupName } from "../../../components/cluster/insights";
import { ADDON_MODELS } from "../../../policies/lib/capacity";
import { awsEksAddonSupportedVersion } from "../../../policies/rules/aws/eks/aws-eks-addon-supported-version";
import { EKS_ADDONS, EKS_VERSIONS } from "../../../components/cluster/versions";
import { runPolicy } from "../../policies/fixtures";
import { STACKS, loadPlan, ofType, single } from "../../support/plans";

const ADDON = "aws:eks/addon:Addon";
const ROLE = "aws:iam/role:Role";
const PREFIX = "urn:pulumi:%s::platform::platform:cluster:Cluster";
const urnOf = (stack: string, path: string) => `${PREFIX.replace("%s", stack)}${path}`;

describe("the CloudWatch Observability add-on pins", () => {
  it("pins one eksbuild of amazon-cloudwatch-observability for every supported EKS version", () => {
    expect(EKS_ADDONS).toContain("amazon-cloudwatch-observability");
    for (const [version, builds] of Object.entries(EKS_VERSIONS)) expect([version, builds["amazon-cloudwatch-observability"]]).toEqual([version, "v6.7.0-eksbuild.1"]);
  });

  it("turns classic Container Insights on and the add-on's Fluent Bit, Application Signals and OTel Container Insights off", () => {
    expect(containerInsightsConfiguration()).toEqual({
      containerInsights: { enabled: true },
      containerLogs: { enabled: false },
      applicationSignals: { enabled: false },
      otelContainerInsights: { enabled: false },
    });
  });

  it("limits the agent's policy to the performance log group and the EC2 reads", () => {
    expect(containerInsightsPolicy({ partition: "aws", region: "eu-west-1", accountId: "111122223333", clusterName: "c1" })).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "WritePerformanceEvents",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
          Resource: ["arn:aws:logs:eu-west-1:111122223333:log-group:/aws/containerinsights/c1/performance", "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/containerinsights/c1/performance:*"],
        },
        { Sid: "DescribeNodes", Effect: "Allow", Action: ["ec2:DescribeTags", "ec2:DescribeVolumes"], Resource: "*" },
      ],
    });
  });

  it("is counted by the capacity model: the agent per node and the operator, Fluent Bit only when its logs are on, no model with OTel Container Insights", () => {
    const model = ADDON_MODELS["amazon-cloudwatch-observability"];
    expect(model(containerInsightsConfiguration())).toEqual([
      { requests: { cpu: 250, memory: 128 }, count: 1, perNode: true },
      { requests: { cpu: 100, memory: 64 }, count: 1, perNode: false },
    ]);
    expect(model({})).toEqual([
      { requests: { cpu: 250, memory: 128 }, count: 1, perNode: true },
      { requests: { cpu: 100, memory: 64 }, count: 1, perNode: false },
      { requests: { cpu: 50, memory: 25 }, count: 1, perNode: true },
    ]);
    expect(model({ agent: { resources: { requests: { cpu: "100m", memory: "256Mi" } } }, containerLogs: { enabled: false } })?.[0].requests).toEqual({ cpu: 100, memory: 256 });
    expect(model({ otelContainerInsights: { enabled: true } })).toBeUndefined();
  });
});

describe.each(STACKS)("Container Insights in the %s plan", (stack) => {
  const doc = loadPlan(stack);
  const addon = single(doc, ADDON, "cluster-insights-addon");

  it("installs the add-on once, on the stack's cluster, at the version pinned for the cluster's Kubernetes version", () => {
    expect(ofType(doc, ADDON).filter((a) => a.inputs.addonName === CONTAINER_INSIGHTS.addonName)).toHaveLength(1);
    const version = String(single(doc, "aws:eks/cluster:Cluster", "cluster-eks").inputs.version) as keyof typeof EKS_VERSIONS;
    expect(addon.inputs).toEqual({
      clusterName: `platform-${stack}`,
      addonName: "amazon-cloudwatch-observability",
      addonVersion: EKS_VERSIONS[version]["amazon-cloudwatch-observability"],
      serviceAccountRoleArn: "arn:aws:iam:us-east-1:123456789012:role/cluster-insights-irsa",
      configurationValues: addon.inputs.configurationValues,
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
    });
    expect(JSON.parse(String(addon.inputs.configurationValues))).toEqual(containerInsightsConfiguration());
  });

  it("waits for the nodes, the agent's permissions and its log group", () => {
    expect(addon.options.dependsOn).toEqual(
      expect.arrayContaining([
        urnOf(stack, "$aws:eks/nodeGroup:NodeGroup::cluster-nodes-group"),
        urnOf(stack, "$platform:cluster:ContainerInsights$aws:iam/rolePolicy:RolePolicy::cluster-insights-irsa-policy"),
        urnOf(stack, "$platform:cluster:ContainerInsights$aws:cloudwatch/logGroup:LogGroup::cluster-insights-performance"),
      ]),
    );
  });

  it("trusts exactly the agent's service account through the cluster's OIDC provider", () => {
    expect(JSON.parse(String(single(doc, ROLE, "cluster-insights-irsa").inputs.assumeRolePolicy))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: "arn:aws:iam:us-east-1:123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/CLUSTER-EKS" },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "oidc.eks.us-east-1.amazonaws.com/id/CLUSTER-EKS:sub": "system:serviceaccount:amazon-cloudwatch:cloudwatch-agent",
              "oidc.eks.us-east-1.amazonaws.com/id/CLUSTER-EKS:aud": "sts.amazonaws.com",
            },
          },
        },
      ],
    });
    const policy = single(doc, "aws:iam/rolePolicy:RolePolicy", "cluster-insights-irsa-policy");
    expect(policy.inputs.role).toBe("cluster-insights-irsa");
    expect(JSON.parse(String(policy.inputs.policy))).toEqual(containerInsightsPolicy({ partition: "aws", region: "us-east-1", accountId: "123456789012", clusterName: `platform-${stack}` }));
    // Inline only: no managed policy (CloudWatchAgentServerPolicy would grant every log group, X-Ray and SSM).
    expect(ofType(doc, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === "cluster-insights-irsa")).toEqual([]);
  });

  it("creates the performance log group first, with the cluster's logs key and the stack's retention", () => {
    const group = single(doc, "aws:cloudwatch/logGroup:LogGroup", "cluster-insights-performance");
    expect(group.inputs).toEqual({
      name: performanceLogGroupName(`platform-${stack}`),
      kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/cluster-logs-key",
      retentionInDays: stack === "prod" ? 365 : 30,
      tags: { Name: `platform-${stack}-container-insights` },
    });
    expect(group.inputs.name).toBe(`/aws/containerinsights/platform-${stack}/performance`);
    expect(group.options.protect).toBe(stack === "prod");
  });

  it("passes the add-on version policy", async () => {
    expect((await runPolicy(awsEksAddonSupportedVersion, doc.resources)).violations).toEqual([]);
  });
});
