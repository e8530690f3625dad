import * as pulumi from "@pulumi/pulumi";
import type { DataSettings } from "./settings";
import { AnalyticsPipeline } from "./AnalyticsPipeline";
import { Cache } from "./Cache";
import { DataPlacement, trafficSources } from "./common";
import type { DataCluster, DataService } from "./common";
import { EfsCsiDriver } from "./EfsCsiDriver";
import { EventBus, EventRoute, eventRoutes } from "./EventBus";
import { Kafka } from "./Kafka";
import { SecureBucket } from "./SecureBucket";
import { SharedFilesystem } from "./SharedFilesystem";

export interface SharedStoresArgs {
  /** Where the stores live. */
  readonly placement: DataPlacement & { readonly protect: boolean };
  /** The services, by name: who uses which store, and from which security group. */
  readonly services: Readonly<Record<string, DataService>>;
  /** The application tier's security group (shared sources, EFS mounts). */
  readonly appSecurityGroupId: pulumi.Input<string>;
  /** The security group of the VPC's interface endpoints (Redshift's HTTPS to S3). */
  readonly endpointSecurityGroupId: pulumi.Input<string>;
  /** The shared data settings. */
  readonly settings: DataSettings;
  /**
   * The cluster: when given (and a service mounts EFS), the EFS CSI driver is installed on it.
   * @default - no EFS CSI driver, and EFS mounts are not limited to the nodes' role.
   */
  readonly cluster?: DataCluster;
}

/** What {@link createSharedStores} made. */
export interface SharedStores {
  readonly cache: Cache;
  readonly kafka: Kafka;
  /** How many Kafka brokers run (per AZ × AZs). */
  readonly brokerCount: number;
  /** The S3 server-access-log bucket. */
  readonly accessLogs: SecureBucket;
  readonly pipeline: AnalyticsPipeline;
  readonly efs: SharedFilesystem;
  readonly events: EventBus;
  /** The event routes between services (publisher, event, consumers). */
  readonly routes: readonly EventRoute[];
}

/**
 * The stores the services share, each admitting only its users: Redis (`<name>-redis`),
 * Kafka with one topic per produced topic (`<name>-kafka`), the S3 access-log bucket
 * (`<name>-access-logs`), the analytics pipeline from Kafka to the lake and Redshift
 * (`<name>-analytics`), EFS with one access point per mounting service (`<name>-efs`),
 * the event bus and its queues (`<name>-events`), and the EFS CSI driver
 * (`<name>-efs-csi`) when the cluster is given and a service mounts EFS.
 */
export function createSharedStores(name: string, args: SharedStoresArgs, parent: pulumi.Resource): SharedStores {
  const { placement, services, settings: s } = args;
  const child = { parent };
  const names = Object.keys(services).sort();
  const settingsOf = (n: string) => services[n].settings;
  const sources = (users: readonly string[]) => trafficSources(users, services, args.appSecurityGroupId);
  const cache = new Cache(
    `${name}-redis`,
    {
      ...placement,
      nodeType: s.redis.nodeType,
      nodeCount: s.redis.nodeCount,
      engineVersion: s.redis.engineVersion,
      snapshotRetentionDays: s.redis.snapshotRetentionDays,
      highAvailability: s.highAvailability,
      sources: sources(names.filter((n) => settingsOf(n).cache)),
      rotationDays: s.secretRotationDays,
    },
    child,
  );
  const topics = [...new Set(names.flatMap((n) => settingsOf(n).topics.produces))].sort();
  const brokerCount = s.kafka.brokersPerAz * placement.subnetIds.length;
  const kafka = new Kafka(
    `${name}-kafka`,
    {
      ...placement,
      brokerCount,
      instanceType: s.kafka.instanceType,
      volumeGb: s.kafka.volumeGb,
      kafkaVersion: s.kafka.version,
      partitions: s.kafka.partitions,
      topics,
      sources: sources(names.filter((n) => settingsOf(n).topics.produces.length + settingsOf(n).topics.consumes.length > 0)),
    },
    child,
  );
  const accessLogs = new SecureBucket(
    `${name}-access-logs`,
    {
      identity: placement.identity,
      namePrefix: placement.namePrefix,
      role: "access-logs",
      description: `${placement.namePrefix} S3 server access logs`,
      accessLogs: { kind: "none" },
      noncurrentVersionDays: s.buckets.noncurrentVersionDays,
      expireAfterDays: Math.max(placement.logRetentionDays, 90),
      writerServices: ["logging.s3.amazonaws.com"],
      protect: placement.protect,
    },
    child,
  );
  const pipeline = new AnalyticsPipeline(
    `${name}-analytics`,
    {
      ...placement,
      clusterArn: kafka.clusterArn,
      topics,
      sourceReady: [kafka.firehosePolicy, ...Object.values(kafka.topics)],
      accessLogBucket: accessLogs.bucketName,
      noncurrentVersionDays: s.buckets.noncurrentVersionDays,
      bufferSeconds: s.pipeline.bufferSeconds,
      bufferMb: s.pipeline.bufferMb,
      baseCapacityRpu: s.redshift.baseCapacityRpu,
      endpointSecurityGroupId: args.endpointSecurityGroupId,
    },
    child,
  );
  const grants = Object.fromEntries(names.filter((n) => settingsOf(n).filesystem !== "none").map((n) => [n, settingsOf(n).filesystem as "ro" | "rw"]));
  const mounting = Object.keys(grants);
  const efs = new SharedFilesystem(
    `${name}-efs`,
    {
      ...placement,
      grants,
      sources: mounting.length ? [{ key: "app-tier", securityGroupId: args.appSecurityGroupId, label: `the application nodes (EFS CSI mounts for ${[...mounting].sort().join(", ")})` }] : [],
      mountPrincipalArns: args.cluster ? [args.cluster.nodeRoleArn] : undefined,
    },
    child,
  );
  const routes = eventRoutes(Object.fromEntries(names.map((n) => [n, settingsOf(n)])));
  const events = new EventBus(
    `${name}-events`,
    {
      identity: placement.identity,
      namePrefix: placement.namePrefix,
      protect: placement.protect,
      routes,
      publishers: Object.fromEntries(names.map((n) => [n, services[n].roleArn])),
    },
    child,
  );
  if (args.cluster && mounting.length) {
    new EfsCsiDriver(
      `${name}-efs-csi`,
      { identity: placement.identity, clusterName: args.cluster.clusterName, oidcProviderArn: args.cluster.oidcProviderArn, oidcIssuer: args.cluster.oidcIssuerUrl },
      child,
    );
  }
  return { cache, kafka, brokerCount, accessLogs, pipeline, efs, events, routes };
}
