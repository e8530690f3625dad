import { describe, expect, it } from "vitest";
import { loadPlan } from "../../support/plans";

/**
 * The URNs of the data tier's stateful resources. A refactor that renames or re-parents
 * one of them would make `pulumi up` delete and recreate a database, bucket or key: this
 * list fails first. Change it only together with `aliases` on the moved resource.
 */
const T = "urn:pulumi:prod::platform::pulumi:pulumi:Stack$platform:data:DataTier";
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
    const stores = [...urns].filter((u) => u.includes("Stack$platform:data:DataTier") && /\$aws:(rds\/instance|s3\/bucket|efs\/fileSystem|msk\/cluster|elasticache\/replicationGroup|kms\/key|redshiftserverless\/namespace):/.test(u));
    expect(stores.filter((u) => !PINNED.includes(u))).toEqual([]);
  });
});
