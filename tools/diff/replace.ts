/**
 * What forces a replacement, and which resources hold state, for `npm run diff`.
 *
 * The offline plan has no provider to ask, so the properties whose change makes the
 * provider replace a resource are written down here, per resource type, with the input
 * names of the Pulumi SDKs (camelCase, nested with dots). They come from the providers'
 * schemas: the Terraform AWS provider's `ForceNew` attributes (which pulumi-aws bridges
 * to "replace" diffs) and pulumi-kubernetes's immutable fields (`forceNew` in its diff).
 * The table covers the types this program creates; a type that is not listed is only
 * ever an update, unless its URN, type, parent or provider changes.
 */

/** Per resource type: the input paths whose change replaces the resource. */
export const REPLACE_ON_CHANGES: Readonly<Record<string, readonly string[]>> = {
  // AWS: the data stores and keys (stateful).
  "aws:rds/instance:Instance": [
    "availabilityZone",
    "characterSetName",
    "customIamInstanceProfile",
    "dbName",
    "engine",
    "identifier",
    "identifierPrefix",
    "kmsKeyId",
    "ncharCharacterSetName",
    "restoreToPointInTime",
    "snapshotIdentifier",
    "storageEncrypted",
    "timezone",
    "username",
  ],
  "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix", "objectLockEnabled"],
  "aws:kms/key:Key": ["customKeyStoreId", "customerMasterKeySpec", "keyUsage", "multiRegion", "xksKeyId"],
  "aws:efs/fileSystem:FileSystem": ["availabilityZoneName", "creationToken", "encrypted", "kmsKeyId", "performanceMode"],
  "aws:efs/accessPoint:AccessPoint": ["fileSystemId", "posixUser", "rootDirectory"],
  "aws:msk/cluster:Cluster": [
    "brokerNodeGroupInfo.azDistribution",
    "brokerNodeGroupInfo.clientSubnets",
    "brokerNodeGroupInfo.securityGroups",
    "clusterName",
    "encryptionInfo.encryptionAtRestKmsKeyArn",
    "encryptionInfo.encryptionInTransit.inCluster",
  ],
  "aws:msk/topic:Topic": ["clusterArn", "name"],
  "aws:elasticache/replicationGroup:ReplicationGroup": [
    "atRestEncryptionEnabled",
    "globalReplicationGroupId",
    "kmsKeyId",
    "port",
    "replicationGroupId",
    "snapshotArns",
    "snapshotName",
    "subnetGroupName",
  ],
  "aws:redshiftserverless/namespace:Namespace": ["namespaceName"],
  "aws:redshiftserverless/workgroup:Workgroup": ["namespaceName", "workgroupName"],
  "aws:cloudwatch/logGroup:LogGroup": ["logGroupClass", "name", "namePrefix"],
  "aws:secretsmanager/secret:Secret": ["name", "namePrefix"],
  "aws:sqs/queue:Queue": ["fifoQueue", "name", "namePrefix"],
  "aws:eks/cluster:Cluster": [
    "accessConfig.bootstrapClusterCreatorAdminPermissions",
    "bootstrapSelfManagedAddons",
    "encryptionConfig.provider.keyArn",
    "kubernetesNetworkConfig.ipFamily",
    "kubernetesNetworkConfig.serviceIpv4Cidr",
    "name",
    "outpostConfig",
    "roleArn",
    "vpcConfig.securityGroupIds",
    "vpcConfig.subnetIds",
  ],
  // AWS: the network and compute around them.
  "aws:ec2/vpc:Vpc": ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"],
  "aws:ec2/subnet:Subnet": ["availabilityZone", "availabilityZoneId", "cidrBlock", "vpcId"],
  "aws:ec2/natGateway:NatGateway": ["allocationId", "connectivityType", "subnetId"],
  "aws:ec2/securityGroup:SecurityGroup": ["description", "name", "namePrefix", "vpcId"],
  "aws:ec2/vpcEndpoint:VpcEndpoint": ["serviceName", "vpcEndpointType", "vpcId"],
  "aws:eks/nodeGroup:NodeGroup": ["amiType", "capacityType", "clusterName", "diskSize", "instanceTypes", "nodeGroupName", "nodeRoleArn", "remoteAccess", "subnetIds"],
  "aws:iam/role:Role": ["name", "namePrefix", "path"],
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": ["destination", "mskSourceConfiguration", "name"],
  // The providers: a new region replaces the provider, and so every resource it manages.
  "pulumi:providers:aws": ["region"],
  // Kubernetes objects that cannot be changed in place (pulumi-kubernetes forceNew);
  // every Kubernetes object is also replaced when `metadata.name` or `metadata.namespace` changes.
  "kubernetes:apps/v1:Deployment": ["spec.selector"],
  "kubernetes:apps/v1:StatefulSet": ["spec.podManagementPolicy", "spec.selector", "spec.serviceName", "spec.volumeClaimTemplates"],
  "kubernetes:core/v1:PersistentVolumeClaim": ["spec.accessModes", "spec.selector", "spec.storageClassName", "spec.volumeMode", "spec.volumeName"],
  "kubernetes:core/v1:PersistentVolume": ["spec.csi", "spec.volumeMode"],
  "kubernetes:core/v1:Secret": ["type"],
  "kubernetes:core/v1:Service": ["spec.clusterIP"],
};

/** Input paths that replace every Kubernetes object. */
const KUBERNETES_REPLACE_ON_CHANGES: readonly string[] = ["metadata.name", "metadata.namespace"];

export { STATEFUL_TYPES } from "../../policies/lib/stateful";

/** The replace-on-change paths of a type, with the Kubernetes metadata for Kubernetes objects. */
export function replacePathsOf(type: string): readonly string[] {
  const own = REPLACE_ON_CHANGES[type] ?? [];
  return type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm.sh/") ? [...KUBERNETES_REPLACE_ON_CHANGES, ...own] : own;
}

/** Whether a changed input path falls under a replace-on-change property (itself or below it). */
export function forcesReplacement(path: string, property: string): boolean {
  return path === property || path.startsWith(`${property}.`) || path.startsWith(`${property}[`);
}
