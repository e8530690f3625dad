import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountRoot } from "../shared/identity";
import { createKmsKey } from "../shared/kms";
import { policyDocument } from "../shared/iam";
import { DataPlacement, TrafficSource, createStoreSecurityGroup } from "./common";
import type { FilesystemMode } from "./settings";

/** The NFS port. */
const NFS_PORT = 2049;
/** Where the shared configuration lives on the file system (never `/`). */
const SHARED_CONFIG_PATH = "/shared-config";
/** The group every access point's POSIX user belongs to; the directory is group-owned. */
const SHARED_GID = 10_000;

/**
 * A service's POSIX uid on the file system: stable across adding and removing services
 * (derived from the name, not a position), never root, in 20000-59999.
 */
export function posixUid(service: string): number {
  let h = 2166136261;
  for (const c of service) {
    h ^= c.charCodeAt(0);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return 20_000 + (h % 40_000);
}

export interface SharedFilesystemArgs extends DataPlacement {
  /** Services granted access, with their mode (`ro` or `rw`); `none` is left out. */
  readonly grants: Readonly<Record<string, Exclude<FilesystemMode, "none">>>;
  /**
   * Where NFS mounts come from. The EFS CSI node plugin mounts on the node, so this is the
   * node (application-tier) security group, not a pod's.
   */
  readonly sources: readonly TrafficSource[];
  /**
   * IAM principals allowed to mount through a mount target (the CSI driver mounts with
   * `iam` as the node role).
   * @default - the account root: any principal of the account whose IAM policy allows it.
   */
  readonly mountPrincipalArns?: readonly pulumi.Input<string>[];
}

/** One granted service's access point. */
export interface ServiceAccessPoint {
  readonly accessPointId: pulumi.Output<string>;
  readonly accessPointArn: pulumi.Output<string>;
  readonly readOnly: boolean;
}

/**
 * EFS for shared configuration: encrypted with its own key, backups on, a mount target in
 * each data subnet behind a security group that admits NFS only from the granted sources,
 * one access point per granted service (root `/shared-config`, its own POSIX uid), and a
 * file-system policy that denies non-TLS access and writes through any access point that
 * is not read-write.
 */
export class SharedFilesystem extends pulumi.ComponentResource {
  public readonly fileSystemId: pulumi.Output<string>;
  public readonly fileSystemArn: pulumi.Output<string>;
  public readonly kmsKeyArn: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  /** Access points by service. */
  public readonly accessPoints: Readonly<Record<string, ServiceAccessPoint>>;

  constructor(name: string, args: SharedFilesystemArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:SharedFilesystem", name, {}, opts);
    const stateful = { parent: this, protect: args.protect ?? false };
    const awsName = `${args.namePrefix}-shared-config`;

    const key = createKmsKey(`${name}-key`, { description: `${awsName}: EFS file system`, identity: args.identity, alias: `${args.namePrefix}/efs` }, stateful);
    const fs = new aws.efs.FileSystem(
      `${name}-fs`,
      {
        encrypted: true,
        kmsKeyId: key.arn,
        performanceMode: "generalPurpose",
        throughputMode: "elastic",
        lifecyclePolicies: [{ transitionToIa: "AFTER_30_DAYS" }],
        tags: { Name: awsName },
      },
      stateful,
    );
    new aws.efs.BackupPolicy(`${name}-backup`, { fileSystemId: fs.id, backupPolicy: { status: "ENABLED" } }, { parent: this });
    const sg = createStoreSecurityGroup(
      `${name}-sg`,
      { vpcId: args.vpcId, description: `${awsName}: NFS (${NFS_PORT}/tcp) from the granted services only.`, port: NFS_PORT, portName: `NFS (${NFS_PORT}/tcp)`, sources: args.sources, tagName: awsName },
      this,
    );
    args.subnetIds.forEach((subnetId, i) => {
      new aws.efs.MountTarget(`${name}-mount-${String.fromCharCode(97 + i)}`, { fileSystemId: fs.id, subnetId, securityGroups: [sg.id] }, { parent: this });
    });

    const accessPoints: Record<string, ServiceAccessPoint> = {};
    for (const [service, mode] of Object.entries(args.grants).sort(([a], [b]) => a.localeCompare(b))) {
      const ap = new aws.efs.AccessPoint(
        `${name}-${service}`,
        {
          fileSystemId: fs.id,
          posixUser: { uid: posixUid(service), gid: SHARED_GID },
          rootDirectory: { path: SHARED_CONFIG_PATH, creationInfo: { ownerUid: posixUid(service), ownerGid: SHARED_GID, permissions: "2775" } },
          tags: { Name: `${awsName}-${service}`, Service: service, Mode: mode },
        },
        { parent: this },
      );
      accessPoints[service] = { accessPointId: ap.id, accessPointArn: ap.arn, readOnly: mode === "ro" };
    }
    const writers = Object.values(accessPoints).filter((a) => !a.readOnly).map((a) => a.accessPointArn);
    new aws.efs.FileSystemPolicy(
      `${name}-policy`,
      {
        fileSystemId: fs.id,
        bypassPolicyLockoutSafetyCheck: false,
        policy: policyDocument([
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: "*",
            Resource: fs.arn,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
          {
            Sid: "WritesOnlyThroughReadWriteAccessPoints",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: ["elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"],
            Resource: fs.arn,
            ...(writers.length ? { Condition: { StringNotEquals: { "elasticfilesystem:AccessPointArn": writers } } } : {}),
          },
          {
            Sid: "MountThroughMountTargets",
            Effect: "Allow",
            Principal: { AWS: args.mountPrincipalArns?.length ? [...args.mountPrincipalArns] : accountRoot(args.identity) },
            Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
            Resource: fs.arn,
            Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } },
          },
        ]),
      },
      { parent: this },
    );

    this.fileSystemId = fs.id;
    this.fileSystemArn = fs.arn;
    this.kmsKeyArn = key.arn;
    this.securityGroupId = sg.id;
    this.accessPoints = accessPoints;
    this.registerOutputs({ fileSystemId: this.fileSystemId, kmsKeyArn: this.kmsKeyArn, accessPoints: this.accessPoints });
  }
}
