import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsIdentity } from "../shared/identity";
import { ClusterOidc, irsaTrustPolicy } from "../shared/iam";
import { CONTAINER_INSIGHTS, containerInsightsConfiguration, containerInsightsPolicy, performanceLogGroupName } from "./insights";

export interface ContainerInsightsArgs extends ClusterOidc {
  /** The EKS cluster's name (the `ClusterName` dimension and the performance log group's name). */
  readonly clusterName: string;
  /** The pinned add-on build (`EKS_VERSIONS[<version>]["amazon-cloudwatch-observability"]`). */
  readonly addonVersion: string;
  /** The account, partition and region. */
  readonly identity: AwsIdentity;
  /** The key of the cluster's log groups (it grants CloudWatch Logs). */
  readonly logsKeyArn: pulumi.Input<string>;
  /** Retention of the performance log group, in days. */
  readonly logRetentionDays: number;
  /**
   * Keep the performance log group on `pulumi destroy` and refuse to delete it.
   * @default - false.
   */
  readonly protectStateful?: boolean;
  /** The prefix of `Name` tags, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** What the add-on waits for: the node group (its pods need a node to become active). */
  readonly dependsOn: pulumi.Resource[];
}

/**
 * Container Insights for the cluster: the `amazon-cloudwatch-observability` EKS add-on
 * (CloudWatch agent DaemonSet and its operator in `amazon-cloudwatch`; Fluent Bit,
 * Application Signals and OTel Container Insights off), its IRSA role with an inline
 * policy limited to the performance log group, and that group, created first with the
 * cluster's logs key and the stack's retention so the agent never creates an unencrypted one.
 *
 * Providers: `aws` through `opts.providers`.
 */
export class ContainerInsights extends pulumi.ComponentResource {
  public readonly addonName: pulumi.Output<string>;
  public readonly roleArn: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: ContainerInsightsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster:ContainerInsights", name, {}, opts);
    const id = args.identity;
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-performance`,
      {
        name: performanceLogGroupName(args.clusterName),
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.logsKeyArn,
        tags: { Name: `${args.namePrefix}-container-insights` },
      },
      { parent: this, protect: args.protectStateful ?? false },
    );
    const role = new aws.iam.Role(
      `${name}-irsa`,
      {
        description: `IRSA for ${CONTAINER_INSIGHTS.namespace}/${CONTAINER_INSIGHTS.serviceAccount}.`,
        assumeRolePolicy: irsaTrustPolicy({
          oidcProviderArn: args.oidcProviderArn,
          issuerHost: args.oidcIssuerHost,
          namespace: CONTAINER_INSIGHTS.namespace,
          serviceAccount: CONTAINER_INSIGHTS.serviceAccount,
        }),
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-irsa-policy`,
      {
        role: role.name,
        policy: pulumi
          .all([id.partition, id.region, id.accountId])
          .apply(([partition, region, accountId]) => JSON.stringify(containerInsightsPolicy({ partition, region, accountId, clusterName: args.clusterName }))),
      },
      { parent: this },
    );
    const addon = new aws.eks.Addon(
      `${name}-addon`,
      {
        clusterName: args.clusterName,
        addonName: CONTAINER_INSIGHTS.addonName,
        addonVersion: args.addonVersion,
        serviceAccountRoleArn: role.arn,
        configurationValues: JSON.stringify(containerInsightsConfiguration()),
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
      },
      { parent: this, dependsOn: [...args.dependsOn, policy, logGroup] },
    );

    this.addonName = addon.addonName;
    this.roleArn = role.arn;
    this.logGroupName = logGroup.name;
    this.registerOutputs({ addonName: this.addonName, roleArn: this.roleArn, logGroupName: this.logGroupName });
  }
}
