import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsIdentity } from "../shared/identity";
import { irsaTrustPolicy, issuerHost, managedPolicyArn } from "../shared/iam";

/** The EFS CSI driver add-on version, pinned (`aws eks describe-addon-versions --addon-name aws-efs-csi-driver`). */
const EFS_CSI_ADDON_VERSION = "v3.2.0-eksbuild.1";
/** The controller's service account, which creates access points for dynamic volumes. */
const EFS_CSI_CONTROLLER = { namespace: "kube-system", serviceAccount: "efs-csi-controller-sa" } as const;

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
      { description: "EFS CSI controller (IRSA): manages access points for EFS volumes.", assumeRolePolicy: irsaTrustPolicy({ oidcProviderArn: args.oidcProviderArn, issuerHost: issuerHost(args.oidcIssuer), ...EFS_CSI_CONTROLLER }) },
      { parent: this },
    );
    const attach = new aws.iam.RolePolicyAttachment(
      `${name}-policy`,
      { role: role.name, policyArn: managedPolicyArn(args.identity.partition, "service-role/AmazonEFSCSIDriverPolicy") },
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
