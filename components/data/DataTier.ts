import * as pulumi from "@pulumi/pulumi";
import type { DataSettings } from "./settings";
import type { AwsIdentity } from "../shared/identity";
import { ServiceDataBinding, ServiceDataOutputs, createBindings } from "./bindings";
import type { DataCluster, DataService } from "./common";
import type { CdnDistribution, CloudFrontEdgeOptions } from "./SecureBucket";
import { createServiceBuckets, createServiceDatabases, createServiceKeys } from "./serviceStores";
import { createSharedStores } from "./sharedStores";

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

/** The keys of the shared data stores (a stack output, `kmsKeyArns`). */
export interface DataKeyArns {
  /** Redis, its AUTH secret and slow log. */
  readonly redis: pulumi.Output<string>;
  /** MSK storage and broker logs. */
  readonly kafka: pulumi.Output<string>;
  /** The event bus and the service queues. */
  readonly events: pulumi.Output<string>;
  /** The shared EFS file system. */
  readonly efs: pulumi.Output<string>;
  /** Redshift Serverless, its admin secret and the Firehose delivery logs. */
  readonly analytics: pulumi.Output<string>;
  /** The data-lake bucket. */
  readonly dataLake: pulumi.Output<string>;
  /** The shared S3 access-log bucket. */
  readonly accessLogs: pulumi.Output<string>;
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
  public readonly bindings: Readonly<Record<string, ServiceDataBinding>>;
  public readonly redisEndpoint: pulumi.Output<string>;
  public readonly kafkaBootstrapBrokers: pulumi.Output<string>;
  public readonly eventBusArn: pulumi.Output<string>;
  public readonly dataLakeBucket: pulumi.Output<string>;
  public readonly redshiftWorkgroup: pulumi.Output<string>;
  public readonly efsFileSystemId: pulumi.Output<string>;
  public readonly accessLogBucket: pulumi.Output<string>;
  /** The catalog bucket's CloudFront distribution, when a service has a catalog bucket. */
  public readonly catalogDistribution?: CdnDistribution;
  /** The shared stores' keys. */
  public readonly kmsKeyArns: DataKeyArns;

  constructor(name: string, args: DataTierArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:DataTier", name, {}, opts);
    const s = args.settings;
    const protect = args.protect ?? false;
    const { identity, namePrefix, vpcId, logRetentionDays } = args;
    const placement = { identity, namePrefix, vpcId, subnetIds: args.dataSubnetIds, logRetentionDays, protect };

    // Per service: its own key (database, secret, Performance Insights), then its database.
    const keys = createServiceKeys(name, { ...args, protect }, this);
    const databases = createServiceDatabases(name, { ...args, placement, keys, highAvailability: s.highAvailability, backupRetentionDays: s.backupRetentionDays }, this);
    // The shared stores, then the services' buckets (they log to the shared access-log bucket).
    const stores = createSharedStores(name, { ...args, placement }, this);
    const buckets = createServiceBuckets(name, { ...args, buckets: s.buckets, accessLogBucket: stores.accessLogs.bucketName, protect }, this);

    // Per service: its access policy and its binding.
    const services = Object.fromEntries(
      Object.entries(args.services).map(([n, svc]) => {
        const publishes = stores.routes.filter((r) => r.publisher === n).map((r) => r.event);
        return [n, { ...stores, service: n, settings: svc.settings, roleName: svc.roleName, keyArn: keys[n].arn, database: databases[n], bucket: buckets[n], publishes }];
      }),
    );
    const { bindings, outputs } = createBindings(name, { identity, namePrefix, services }, this);

    const { cache, kafka, events, pipeline, efs } = stores;
    this.services = outputs;
    this.bindings = bindings;
    this.redisEndpoint = cache.primaryEndpoint;
    this.kafkaBootstrapBrokers = kafka.bootstrapBrokers;
    this.eventBusArn = events.busArn;
    this.dataLakeBucket = pipeline.dataLakeBucket;
    this.redshiftWorkgroup = pipeline.workgroupName;
    this.efsFileSystemId = efs.fileSystemId;
    this.accessLogBucket = stores.accessLogs.bucketName;
    this.catalogDistribution = Object.values(buckets).find((b) => b.distribution !== undefined)?.distribution;
    this.kmsKeyArns = {
      redis: cache.kmsKeyArn,
      kafka: kafka.kmsKeyArn,
      events: events.kmsKeyArn,
      efs: efs.kmsKeyArn,
      analytics: pipeline.kmsKeyArn,
      dataLake: pipeline.dataLakeKeyArn,
      accessLogs: stores.accessLogs.kmsKeyArn!,
    };
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
