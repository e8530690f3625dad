import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsIdentity } from "../shared/identity";
import { createKmsKey, logsGrant } from "../shared/kms";
import { AnalyticsPipeline } from "./AnalyticsPipeline";
import { Cache } from "./Cache";
import { TrafficSource, serviceTrust } from "./common";
import { EfsCsiDriver } from "./EfsCsiDriver";
import { EventBus, eventRoutes, eventSource } from "./EventBus";
import { KAFKA_IAM_PORT, Kafka } from "./Kafka";
import { CloudFrontEdgeOptions, SecureBucket } from "./SecureBucket";
import { ServiceAccess, ServiceGrants, serviceAccessStatements } from "./ServiceAccess";
import { ServiceDatabase } from "./ServiceDatabase";
import type { DataSettings, ServiceDataSettings, SqlEngine } from "./settings";
import { SharedFilesystem } from "./SharedFilesystem";

/** What the data tier hands a service's pods (structurally `ServiceDataBinding` of components/microservice/binding.ts). */
export interface DataBinding {
  readonly config: Record<string, pulumi.Input<string>>;
  readonly secretArns: pulumi.Input<string>[];
  readonly filesystem?: { readonly fileSystemId: pulumi.Input<string>; readonly accessPointId: pulumi.Input<string>; readonly readOnly: boolean };
  readonly endpoints?: readonly { readonly name: string; readonly hosts: pulumi.Input<pulumi.Input<string>[]>; readonly port: number; readonly protocol: "TCP" | "TLS" }[];
}

/** One service as the data tier sees it: its settings and the identity the compute tier made for it. */
interface DataService {
  /** The service's data settings. */
  readonly settings: ServiceDataSettings;
  /** Its IRSA role's ARN (key policy, bus policy). */
  readonly roleArn: pulumi.Input<string>;
  /** Its IRSA role's name (the policy attachment). */
  readonly roleName: pulumi.Input<string>;
  /**
   * Its pods' own security group (security groups for pods).
   * @default - the application tier's shared group (`appSecurityGroupId`).
   */
  readonly podSecurityGroupId?: pulumi.Input<string>;
}

/** The EKS cluster, for the EFS CSI driver. */
interface DataCluster {
  readonly clusterName: pulumi.Input<string>;
  readonly oidcProviderArn: pulumi.Input<string>;
  readonly oidcIssuerUrl: pulumi.Input<string>;
  /** The nodes' IAM role: the principal EFS mounts (`iam` mount option) are made as. */
  readonly nodeRoleArn: pulumi.Input<string>;
}

export interface DataTierArgs {
  /** The account, partition and region. */
  readonly identity: AwsIdentity;
  /** The prefix of AWS names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** The VPC. */
  readonly vpcId: pulumi.Input<string>;
  /** The private data subnets, in AZ order. */
  readonly dataSubnetIds: pulumi.Input<string>[];
  /** The security group of the VPC's interface endpoints (S3's private DNS points there): Redshift sends HTTPS to it. */
  readonly endpointSecurityGroupId: pulumi.Input<string>;
  /**
   * The application tier's security group (the nodes'): the source for services without
   * their own pod security group, and for EFS mounts (made by the node's CSI plugin).
   */
  readonly appSecurityGroupId: pulumi.Input<string>;
  /** The services, by name. */
  readonly services: Readonly<Record<string, DataService>>;
  /** The shared data settings. */
  readonly settings: DataSettings;
  /** Retention of the tier's log groups, in days. */
  readonly logRetentionDays: number;
  /**
   * Protect every stateful resource.
   * @default - false.
   */
  readonly protect?: boolean;
  /**
   * The cluster: when given, the EFS CSI driver is installed on it.
   * @default - no EFS CSI driver.
   */
  readonly cluster?: DataCluster;
  /**
   * The catalog distribution's WAF web ACL and custom domain, from the public edge.
   * @default - no web ACL, the cloudfront.net name and CloudFront's default certificate.
   */
  readonly catalogEdge?: CloudFrontEdgeOptions;
}

/** Per-service outputs of the data tier. */
export interface ServiceDataOutputs {
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly database?: { readonly engine: SqlEngine; readonly endpoint: pulumi.Output<string>; readonly secretArn: pulumi.Output<string> };
  readonly queueUrls: pulumi.Output<string>[];
  readonly bucketNames: pulumi.Output<string>[];
  readonly efsAccessPointId?: pulumi.Output<string>;
}

/** The ordered source list for a set of services: one per pod group, or one shared app-tier source. */
function trafficSources(names: readonly string[], services: Readonly<Record<string, DataService>>, appSecurityGroupId: pulumi.Input<string>): TrafficSource[] {
  const sorted = [...names].sort();
  const own = sorted.filter((n) => services[n].podSecurityGroupId !== undefined);
  const shared = sorted.filter((n) => services[n].podSecurityGroupId === undefined);
  return [
    ...own.map((n) => ({ key: n, securityGroupId: services[n].podSecurityGroupId as pulumi.Input<string>, label: `the ${n} service's pods` })),
    ...(shared.length ? [{ key: "app-tier", securityGroupId: appSecurityGroupId, label: `the application tier (nodes of ${shared.join(", ")})` }] : []),
  ];
}

/** `b-1.x...:9098,b-2...` → the DNS names of all `count` brokers (b-1 … b-count). */
export function brokerHosts(bootstrap: string, count: number): string[] {
  const first = bootstrap.split(",")[0].split(":")[0];
  const rest = first.replace(/^b-\d+\./, "");
  return Array.from({ length: count }, (_, i) => `b-${i + 1}.${rest}`);
}

/**
 * The data and messaging tier: per service its own key, database and access policy;
 * shared Redis, Kafka, the analytics pipeline, the buckets, EFS and the event bus; the
 * EFS CSI driver; and each service's binding for its pods.
 */
export class DataTier extends pulumi.ComponentResource {
  /** Per service. */
  public readonly services: Readonly<Record<string, ServiceDataOutputs>>;
  /** What each service's pods mount. */
  public readonly bindings: Readonly<Record<string, DataBinding>>;
  public readonly redisEndpoint: pulumi.Output<string>;
  public readonly kafkaBootstrapBrokers: pulumi.Output<string>;
  public readonly eventBusArn: pulumi.Output<string>;
  public readonly dataLakeBucket: pulumi.Output<string>;
  public readonly redshiftWorkgroup: pulumi.Output<string>;
  public readonly efsFileSystemId: pulumi.Output<string>;
  public readonly accessLogBucket: pulumi.Output<string>;
  /** The catalog bucket's CloudFront distribution, when a service has a catalog bucket. */
  public readonly catalogDistribution?: { readonly arn: pulumi.Output<string>; readonly domainName: pulumi.Output<string>; readonly hostedZoneId: pulumi.Output<string> };
  /** The shared stores' keys. */
  public readonly kmsKeyArns: { readonly redis: pulumi.Output<string>; readonly kafka: pulumi.Output<string>; readonly events: pulumi.Output<string>; readonly efs: pulumi.Output<string>; readonly analytics: pulumi.Output<string> };

  constructor(name: string, args: DataTierArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:DataTier", name, {}, opts);
    const child = { parent: this };
    const s = args.settings;
    const names = Object.keys(args.services).sort();
    const brokerCount = s.kafka.brokersPerAz * args.dataSubnetIds.length;
    const settingsOf = (n: string) => args.services[n].settings;
    const placement = {
      identity: args.identity,
      namePrefix: args.namePrefix,
      vpcId: args.vpcId,
      subnetIds: args.dataSubnetIds,
      logRetentionDays: args.logRetentionDays,
      protect: args.protect ?? false,
    };

    // Per service: its own key (database, its secret, Performance Insights), then its database.
    const monitoringRole = new aws.iam.Role(
      `${name}-rds-monitoring`,
      { description: "RDS enhanced monitoring publishes OS metrics.", assumeRolePolicy: serviceTrust("monitoring.rds.amazonaws.com", args.identity) },
      child,
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-rds-monitoring-policy`,
      { role: monitoringRole.name, policyArn: pulumi.interpolate`arn:${args.identity.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole` },
      child,
    );
    const keys: Record<string, aws.kms.Key> = {};
    const databases: Record<string, ServiceDatabase> = {};
    for (const n of names) {
      keys[n] = createKmsKey(
        `${name}-${n}-key`,
        {
          description: `${args.namePrefix} ${n} service: its database, secret, Performance Insights and database logs`,
          identity: args.identity,
          userRoleArns: [args.services[n].roleArn],
          // CloudWatch Logs encrypts the database's log-export groups with it.
          services: [logsGrant(args.identity)],
          alias: `${args.namePrefix}/${n}`,
        },
        { parent: this, protect: placement.protect },
      );
      const db = settingsOf(n).database;
      if (db.engine !== "none") {
        databases[n] = new ServiceDatabase(
          `${name}-${n}-db`,
          {
            ...placement,
            service: n,
            engine: db.engine,
            instanceClass: db.instanceClass as string,
            storageGb: db.storageGb,
            maxStorageGb: db.maxStorageGb,
            engineVersion: db.engineVersion,
            kmsKeyArn: keys[n].arn,
            sources: trafficSources([n], args.services, args.appSecurityGroupId),
            monitoringRoleArn: monitoringRole.arn,
            highAvailability: s.highAvailability,
            backupRetentionDays: s.backupRetentionDays,
          },
          child,
        );
      }
    }

    // Shared stores.
    const cacheUsers = names.filter((n) => settingsOf(n).cache);
    const cache = new Cache(
      `${name}-redis`,
      {
        ...placement,
        nodeType: s.redis.nodeType,
        nodeCount: s.redis.nodeCount,
        engineVersion: s.redis.engineVersion,
        snapshotRetentionDays: s.redis.snapshotRetentionDays,
        highAvailability: s.highAvailability,
        sources: trafficSources(cacheUsers, args.services, args.appSecurityGroupId),
        rotationDays: s.secretRotationDays,
      },
      child,
    );
    const topics = [...new Set(names.flatMap((n) => settingsOf(n).topics.produces))].sort();
    const kafkaUsers = names.filter((n) => settingsOf(n).topics.produces.length + settingsOf(n).topics.consumes.length > 0);
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
        sources: trafficSources(kafkaUsers, args.services, args.appSecurityGroupId),
      },
      child,
    );
    const accessLogs = new SecureBucket(
      `${name}-access-logs`,
      {
        identity: args.identity,
        namePrefix: args.namePrefix,
        role: "access-logs",
        description: `${args.namePrefix} S3 server access logs`,
        accessLogs: { kind: "none" },
        noncurrentVersionDays: s.buckets.noncurrentVersionDays,
        expireAfterDays: Math.max(args.logRetentionDays, 90),
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
    const buckets: Record<string, SecureBucket> = {};
    for (const n of names) {
      const kind = settingsOf(n).bucket;
      if (kind === "none") continue;
      buckets[n] = new SecureBucket(
        `${name}-${n}-${kind}`,
        {
          identity: args.identity,
          namePrefix: args.namePrefix,
          role: `${n}-${kind}`,
          description: `${args.namePrefix} ${n} service ${kind}`,
          accessLogs: { kind: "bucket", bucket: accessLogs.bucketName },
          noncurrentVersionDays: s.buckets.noncurrentVersionDays,
          objectLock: kind === "documents" ? s.buckets.documentLock : undefined,
          cloudFront: kind === "catalog",
          cloudFrontEdge: kind === "catalog" ? args.catalogEdge : undefined,
          protect: placement.protect,
        },
        child,
      );
    }
    const grants = Object.fromEntries(names.filter((n) => settingsOf(n).filesystem !== "none").map((n) => [n, settingsOf(n).filesystem as "ro" | "rw"]));
    const efs = new SharedFilesystem(
      `${name}-efs`,
      {
        ...placement,
        grants,
        sources: Object.keys(grants).length ? [{ key: "app-tier", securityGroupId: args.appSecurityGroupId, label: `the application nodes (EFS CSI mounts for ${Object.keys(grants).sort().join(", ")})` }] : [],
        mountPrincipalArns: args.cluster ? [args.cluster.nodeRoleArn] : undefined,
      },
      child,
    );
    const routes = eventRoutes(Object.fromEntries(names.map((n) => [n, settingsOf(n)])));
    const events = new EventBus(
      `${name}-events`,
      {
        identity: args.identity,
        namePrefix: args.namePrefix,
        protect: placement.protect,
        routes,
        publishers: Object.fromEntries(names.map((n) => [n, args.services[n].roleArn])),
      },
      child,
    );
    if (args.cluster && Object.keys(grants).length) {
      new EfsCsiDriver(
        `${name}-efs-csi`,
        { identity: args.identity, clusterName: args.cluster.clusterName, oidcProviderArn: args.cluster.oidcProviderArn, oidcIssuer: args.cluster.oidcIssuerUrl },
        child,
      );
    }

    // Per service: its access policy and its binding.
    const region = args.identity.region;
    const serviceOutputs: Record<string, ServiceDataOutputs> = {};
    const bindings: Record<string, DataBinding> = {};
    for (const n of names) {
      const st = settingsOf(n);
      const db = databases[n];
      const queues = events.queues[n];
      const bucket = buckets[n];
      const publishes = routes.filter((r) => r.publisher === n).map((r) => r.event);
      const grantsOf: ServiceGrants = {
        service: n,
        identity: args.identity,
        database: db ? { resourceId: db.resourceId, iamUser: db.iamUser } : undefined,
        kmsKeyArns: [
          keys[n].arn,
          ...(st.cache ? [cache.kmsKeyArn] : []),
          ...(queues ? [events.kmsKeyArn] : []),
          ...(bucket?.kmsKeyArn ? [bucket.kmsKeyArn] : []),
        ],
        secretArns: st.cache ? [cache.authSecretArn] : [],
        queueArns: queues ? [queues.queueArn, queues.deadLetterQueueArn] : [],
        publishes: publishes.length ? { busArn: events.busArn, source: eventSource(n), detailTypes: publishes } : undefined,
        kafka: { clusterArn: kafka.clusterArn, produces: st.topics.produces, consumes: st.topics.consumes },
        bucket: bucket ? { arn: bucket.bucketArn, prefix: `${n}/` } : undefined,
      };
      if (serviceAccessStatements(grantsOf).length) {
        new ServiceAccess(`${name}-${n}-access`, { grants: grantsOf, roleName: args.services[n].roleName, namePrefix: args.namePrefix }, child);
      }

      const config: Record<string, pulumi.Input<string>> = { "aws-region": region, "kms-key-arn": keys[n].arn };
      const secretArns: pulumi.Input<string>[] = [];
      // Every AWS API the role is granted is declared to the mesh (REGISTRY_ONLY); KMS for its keys.
      const endpoints: NonNullable<DataBinding["endpoints"]>[number][] = [{ name: "kms", hosts: [`kms.${region}.amazonaws.com`], port: 443, protocol: "TLS" }];
      if (db) {
        // IAM authentication only: the pods sign a token as `db-iam-user`; the master secret stays with operators and migrations.
        Object.assign(config, { "db-engine": db.engine, "db-host": db.address, "db-port": String(db.port), "db-name": db.databaseName, "db-iam-user": db.iamUser });
        // PostgreSQL and MySQL negotiate TLS inside their own protocol, so the mesh sees TCP.
        endpoints.push({ name: db.engine, hosts: [db.address], port: db.port, protocol: "TCP" });
      }
      if (st.cache) {
        Object.assign(config, { "redis-host": cache.primaryEndpoint, "redis-port": String(cache.port), "redis-tls": "true" });
        secretArns.push(cache.authSecretArn);
        endpoints.push({ name: "redis", hosts: [cache.primaryEndpoint, cache.readerEndpoint], port: cache.port, protocol: "TLS" });
      }
      if (st.topics.produces.length + st.topics.consumes.length) {
        Object.assign(config, {
          "kafka-bootstrap": kafka.bootstrapBrokers,
          "kafka-topics-produce": st.topics.produces.join(","),
          "kafka-topics-consume": st.topics.consumes.join(","),
          "kafka-group-prefix": `${n}-`,
        });
        endpoints.push({ name: "kafka", hosts: kafka.bootstrapBrokers.apply((b) => brokerHosts(b, brokerCount)), port: KAFKA_IAM_PORT, protocol: "TLS" });
      }
      if (publishes.length) {
        Object.assign(config, { "event-bus-name": events.busName, "event-source": eventSource(n) });
        endpoints.push({ name: "events", hosts: [`events.${region}.amazonaws.com`], port: 443, protocol: "TLS" });
      }
      if (queues) {
        Object.assign(config, { "event-queue-url": queues.queueUrl, "event-dlq-url": queues.deadLetterQueueUrl });
        endpoints.push({ name: "sqs", hosts: [`sqs.${region}.amazonaws.com`], port: 443, protocol: "TLS" });
      }
      if (bucket) {
        Object.assign(config, { "bucket-name": bucket.bucketName, "bucket-prefix": `${n}/` });
        if (bucket.distributionDomain) config["cdn-domain"] = bucket.distributionDomain;
        endpoints.push({ name: "s3", hosts: [`s3.${region}.amazonaws.com`, pulumi.interpolate`${bucket.bucketName}.s3.${region}.amazonaws.com`], port: 443, protocol: "TLS" });
      }
      const ap = efs.accessPoints[n];
      bindings[n] = {
        config,
        secretArns,
        filesystem: ap ? { fileSystemId: efs.fileSystemId, accessPointId: ap.accessPointId, readOnly: ap.readOnly } : undefined,
        endpoints,
      };
      serviceOutputs[n] = {
        kmsKeyArn: keys[n].arn,
        database: db ? { engine: db.engine, endpoint: db.endpoint, secretArn: db.secretArn } : undefined,
        queueUrls: queues ? [queues.queueUrl, queues.deadLetterQueueUrl] : [],
        bucketNames: bucket ? [bucket.bucketName] : [],
        efsAccessPointId: ap?.accessPointId,
      };
    }

    this.services = serviceOutputs;
    this.bindings = bindings;
    this.redisEndpoint = cache.primaryEndpoint;
    this.kafkaBootstrapBrokers = kafka.bootstrapBrokers;
    this.eventBusArn = events.busArn;
    this.dataLakeBucket = pipeline.dataLakeBucket;
    this.redshiftWorkgroup = pipeline.workgroupName;
    this.efsFileSystemId = efs.fileSystemId;
    this.accessLogBucket = accessLogs.bucketName;
    const catalog = Object.values(buckets).find((b) => b.distribution !== undefined);
    this.catalogDistribution = catalog?.distribution;
    this.kmsKeyArns = { redis: cache.kmsKeyArn, kafka: kafka.kmsKeyArn, events: events.kmsKeyArn, efs: efs.kmsKeyArn, analytics: pipeline.kmsKeyArn };
    this.registerOutputs({
      redisEndpoint: this.redisEndpoint,
      kafkaBootstrapBrokers: this.kafkaBootstrapBrokers,
      eventBusArn: this.eventBusArn,
      dataLakeBucket: this.dataLakeBucket,
      redshiftWorkgroup: this.redshiftWorkgroup,
      efsFileSystemId: this.efsFileSystemId,
    });
  }
}
