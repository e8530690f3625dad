import { describe, expect, it } from "vitest";
import { loadPlan } from "../../support/plans";

/**
 * The URNs of the data tier's stateful resources. A refactor that renames or re-parents
 * one of them would make `pulumi up` delete and recreate a database, bucket or key: this
 * list fails first. Change it only together with `aliases` on the moved resource.
 */
const T = "urn:pulumi:prod::platform::platform:data:DataTier";
const PINNED = [
  `${T}$aws:kms/key:Key::data-order-key`,
  `${T}$aws:kms/key:Key::data-product-key`,
  `${T}$aws:kms/key:Key::data-user-key`,
  `${T}$platform:data:ServiceDatabase$aws:rds/instance:Instance::data-order-db-instance`,
  `${T}$platform:data:ServiceDatabase$aws:rds/instance:Instance::data-product-db-instance`,
  `${T}$platform:data:ServiceDatabase$aws:rds/instance:Instance::data-user-db-instance`,
  `${T}$platform:data:Cache$aws:kms/key:Key::data-redis-key`,
  `${T}$platform:data:Cache$aws:elasticache/replicationGroup:ReplicationGroup::data-redis-group`,
  `${T}$platform:data:Cache$aws:secretsmanager/secret:Secret::data-redis-auth-secret`,
  `${T}$platform:data:Kafka$aws:kms/key:Key::data-kafka-key`,
  `${T}$platform:data:Kafka$aws:msk/cluster:Cluster::data-kafka-cluster`,
  `${T}$platform:data:Kafka$aws:msk/topic:Topic::data-kafka-topic-orders.lifecycle`,
  `${T}$platform:data:Kafka$aws:msk/topic:Topic::data-kafka-topic-products.views`,
  `${T}$platform:data:Kafka$aws:msk/topic:Topic::data-kafka-topic-users.activity`,
  `${T}$platform:data:AnalyticsPipeline$aws:kms/key:Key::data-analytics-key`,
  `${T}$platform:data:AnalyticsPipeline$aws:redshiftserverless/namespace:Namespace::data-analytics-namespace`,
  `${T}$platform:data:AnalyticsPipeline$aws:redshiftserverless/workgroup:Workgroup::data-analytics-workgroup`,
  `${T}$platform:data:AnalyticsPipeline$platform:data:SecureBucket$aws:kms/key:Key::data-analytics-lake-key`,
  `${T}$platform:data:AnalyticsPipeline$platform:data:SecureBucket$aws:s3/bucket:Bucket::data-analytics-lake-bucket`,
  `${T}$platform:data:SecureBucket$aws:kms/key:Key::data-access-logs-key`,
  `${T}$platform:data:SecureBucket$aws:s3/bucket:Bucket::data-access-logs-bucket`,
  `${T}$platform:data:SecureBucket$aws:kms/key:Key::data-user-uploads-key`,
  `${T}$platform:data:SecureBucket$aws:s3/bucket:Bucket::data-user-uploads-bucket`,
  `${T}$platform:data:SecureBucket$aws:kms/key:Key::data-product-catalog-key`,
  `${T}$platform:data:SecureBucket$aws:s3/bucket:Bucket::data-product-catalog-bucket`,
  `${T}$platform:data:SecureBucket$aws:kms/key:Key::data-order-documents-key`,
  `${T}$platform:data:SecureBucket$aws:s3/bucket:Bucket::data-order-documents-bucket`,
  `${T}$platform:data:SharedFilesystem$aws:kms/key:Key::data-efs-key`,
  `${T}$platform:data:SharedFilesystem$aws:efs/fileSystem:FileSystem::data-efs-fs`,
  `${T}$platform:data:EventBus$aws:kms/key:Key::data-events-key`,
  `${T}$platform:data:EventBus$aws:sqs/queue:Queue::data-events-order-queue`,
  `${T}$platform:data:EventBus$aws:sqs/queue:Queue::data-events-order-dlq`,
  `${T}$platform:data:EventBus$aws:sqs/queue:Queue::data-events-product-queue`,
  `${T}$platform:data:EventBus$aws:sqs/queue:Queue::data-events-product-dlq`,
  `${T}$platform:data:EventBus$aws:sqs/queue:Queue::data-events-user-queue`,
  `${T}$platform:data:EventBus$aws:sqs/queue:Queue::data-events-user-dlq`,
];

describe("data-tier URN pins (prod)", () => {
  const urns = new Set(loadPlan("prod").resources.map((r) => r.urn));
  it.each(PINNED)("still has %s", (urn) => {
    expect(urns.has(urn), `stateful resource renamed or re-parented: ${urn}; add an alias and update the pin`).toBe(true);
  });
  it("pins every stateful store of the tier", () => {
    const stores = [...urns].filter((u) => u.includes("::platform:data:DataTier") && /\$aws:(rds\/instance|s3\/bucket|efs\/fileSystem|msk\/cluster|elasticache\/replicationGroup|kms\/key|redshiftserverless\/namespace):/.test(u));
    expect(stores.filter((u) => !PINNED.includes(u))).toEqual([]);
  });
});

/**
 * What the DataTier registers directly (prod), as `type::name`: its constructor is a
 * sequence of helpers (serviceStores.ts, sharedStores.ts, bindings.ts), each given the
 * component as parent. Change this list only together with `aliases`.
 */
const DATA_TIER_CHILDREN = [
  "aws:iam/role:Role::data-rds-monitoring",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment::data-rds-monitoring-policy",
  "aws:kms/alias:Alias::data-order-key-alias",
  "aws:kms/alias:Alias::data-product-key-alias",
  "aws:kms/alias:Alias::data-user-key-alias",
  "aws:kms/key:Key::data-order-key",
  "aws:kms/key:Key::data-product-key",
  "aws:kms/key:Key::data-user-key",
  "platform:data:AnalyticsPipeline::data-analytics",
  "platform:data:Cache::data-redis",
  "platform:data:EfsCsiDriver::data-efs-csi",
  "platform:data:EventBus::data-events",
  "platform:data:Kafka::data-kafka",
  "platform:data:SecureBucket::data-access-logs",
  "platform:data:SecureBucket::data-order-documents",
  "platform:data:SecureBucket::data-product-catalog",
  "platform:data:SecureBucket::data-user-uploads",
  "platform:data:ServiceAccess::data-order-access",
  "platform:data:ServiceAccess::data-product-access",
  "platform:data:ServiceAccess::data-user-access",
  "platform:data:ServiceDatabase::data-order-db",
  "platform:data:ServiceDatabase::data-product-db",
  "platform:data:ServiceDatabase::data-user-db",
  "platform:data:SharedFilesystem::data-efs",
];

describe("the DataTier component's children (prod)", () => {
  it("are exactly the pinned resources, each a direct child of the component", () => {
    const doc = loadPlan("prod");
    const tier = doc.resources.find((r) => r.type === "platform:data:DataTier")!;
    expect(doc.resources.filter((r) => r.parent === tier.urn).map((r) => `${r.type}::${r.name}`).sort()).toEqual(DATA_TIER_CHILDREN);
  });
});
