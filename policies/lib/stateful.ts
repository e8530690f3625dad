// The resource types that hold state: what `npm run diff` flags on a delete or replace, and
// what a stack that protects its stateful resources must protect (pulumi-stack-stateful-protected).

/**
 * Types whose deletion or replacement loses data or identity that other systems hold on
 * to: databases, caches, streams, buckets, file systems, keys (data encrypted under a
 * deleted key is lost), secrets, queues, log groups (audit trails) and the EKS cluster
 * (its etcd). A delete or replace of one of them is flagged, as is one of any
 * `protect`ed resource.
 */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:s3/bucket:Bucket",
  "aws:kms/key:Key",
  "aws:efs/fileSystem:FileSystem",
  "aws:msk/cluster:Cluster",
  "aws:msk/topic:Topic",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:redshiftserverless/namespace:Namespace",
  "aws:secretsmanager/secret:Secret",
  "aws:sqs/queue:Queue",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:dynamodb/table:Table",
  "aws:eks/cluster:Cluster",
  "kubernetes:core/v1:PersistentVolumeClaim",
  "kubernetes:core/v1:PersistentVolume",
]);
