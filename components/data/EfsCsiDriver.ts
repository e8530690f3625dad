import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsIdentity } from "../shared/identity";

/** The EFS CSI driver add-on version, pinned (`aws eks describe-addon-versions --addon-name aws-efs-csi-driver`). */
const EFS_CSI_ADDON_VERSION = "v3.2.0-eksbuild.1";
/** The controller's service account, which creates access points for dynamic volumes. */
const EFS_CSI_CONTROLLER_SA = "system:serviceaccount:kube-system:efs-csi-controller-sa";

/** The IRSA trust of a role for one service account, through the cluster's OIDC provider. */
function irsaTrust(oidcProviderArn: pulumi.Input<string>, oidcIssuer: pulumi.Input<string>, subject: string): pulumi.Output<string> {
  const issuer = pulumi.output(oidcIssuer).apply((u) => u.replace(/^https:\/\//, ""));
  return pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: issuer.apply((i) => ({ [`${i}:sub`]: subject, [`${i}:aud`]: "sts.amazonaws.com" })) },
      },
    ],
  });
}

export interface EfsCsiDriverArgs {
  /** The account and partition (the AWS managed policy's ARN). */
  readonly identity: AwsIdentity;
  /** The EKS cluster to install the add-on on. */
  readonly clusterName: pulumi.Input<string>;
  /** The cluster's IAM OIDC provider ARN. */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** The cluster's OIDC issuer URL (with or without `https://`). */
  readonly oidcIssuer: pulumi.Input<string>;
  /**
   * The add-on version.
   * @default - {@link EFS_CSI_ADDON_VERSION}.
   */
  readonly addonVersion?: string;
}

/**
 * The Amazon EFS CSI driver as a pinned EKS add-on, its controller running under its own
 * IRSA role with the AWS managed `AmazonEFSCSIDriverPolicy` (and nothing else).
 */
export class EfsCsiDriver extends pulumi.ComponentResource {
  /** The controller's IRSA role. */
  public readonly roleArn: pulumi.Output<string>;
  /** The installed add-on's version. */
  public readonly addonVersion: pulumi.Output<string>;

  constructor(name: string, args: EfsCsiDriverArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:EfsCsiDriver", name, {}, opts);
    const role = new aws.iam.Role(
      `${name}-role`,
      { description: "EFS CSI controller (IRSA): manages access points for EFS volumes.", assumeRolePolicy: irsaTrust(args.oidcProviderArn, args.oidcIssuer, EFS_CSI_CONTROLLER_SA) },
      { parent: this },
    );
    const attach = new aws.iam.RolePolicyAttachment(
      `${name}-policy`,
      { role: role.name, policyArn: pulumi.interpolate`arn:${args.identity.partition}:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy` },
      { parent: this },
    );
    const addon = new aws.eks.Addon(
      `${name}-addon`,
      {
        clusterName: args.clusterName,
        addonName: "aws-efs-csi-driver",
        addonVersion: args.addonVersion ?? EFS_CSI_ADDON_VERSION,
        serviceAccountRoleArn: role.arn,
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
      },
      { parent: this, dependsOn: [attach] },
    );
    this.roleArn = role.arn;
    this.addonVersion = addon.addonVersion;
    this.registerOutputs({ roleArn: this.roleArn, addonVersion: this.addonVersion });
  }
}
