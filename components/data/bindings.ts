import * as pulumi from "@pulumi/pulumi";
import type { ServiceDataSettings, SqlEngine } from "./settings";
import type { AwsIdentity } from "../shared/identity";
import type { Cache } from "./Cache";
import type { EventBus } from "./EventBus";
import { eventSource } from "./EventBus";
import { KAFKA_IAM_PORT, Kafka } from "./Kafka";
import type { SecureBucket } from "./SecureBucket";
import { ServiceAccess, ServiceGrants, serviceAccessStatements } from "./ServiceAccess";
import type { ServiceDatabase } from "./ServiceDatabase";
import type { SharedFilesystem } from "./SharedFilesystem";

/** A data-tier endpoint outside the mesh (database, cache, brokers), declared to the mesh with a `ServiceEntry`. */
interface DataEndpoint {
  /** A short DNS-label name, e.g. `postgres`; the ServiceEntry is `data-<name>`. */
  readonly name: string;
  /** The endpoint's DNS names (e.g. the RDS address, or every MSK broker). */
  readonly hosts: pulumi.Input<pulumi.Input<string>[]>;
  /** The TCP port. */
  readonly port: number;
  /** `TLS` when the client speaks TLS end to end (RDS with TLS, Redis in-transit, MSK), else `TCP`. */
  readonly protocol: "TCP" | "TLS";
}

/**
 * What the data tier hands a service's pods: the typed hook of `MicroservicePodArgs.data`.
 * The pod mounts each part as files; nothing here ever becomes an env value.
 */
export interface ServiceDataBinding {
  /** Non-secret connection details (endpoints, ports, bucket names), mounted as files from a ConfigMap. */
  readonly config: Record<string, pulumi.Input<string>>;
  /** Secrets Manager secret ARNs the pods read, mounted as files through the Secrets Store CSI driver. */
  readonly secretArns: pulumi.Input<string>[];
  /**
   * An EFS access point to mount (through the EFS CSI driver), read-only when readOnly.
   * @default - no shared file system.
   */
  readonly filesystem?: { readonly fileSystemId: pulumi.Input<string>; readonly accessPointId: pulumi.Input<string>; readonly readOnly: boolean };
  /**
   * The data endpoints the pods connect to. The mesh's egress is REGISTRY_ONLY, so a
   * database or broker the mesh does not know is unreachable: each becomes a ServiceEntry.
   * @default - none.
   */
  readonly endpoints?: readonly DataEndpoint[];
}

/** One service's data: its key, database, queues, bucket and EFS access point (a stack output). */
export interface ServiceDataOutputs {
  /** The service's own KMS key (its database, secret and Performance Insights). */
  readonly kmsKeyArn: pulumi.Output<string>;
  /**
   * Its database.
   * @default - none, when it declares no database.
   */
  readonly database?: {
    readonly engine: SqlEngine;
    /** `address:port`. */
    readonly endpoint: pulumi.Output<string>;
    /** The RDS-managed master-user secret. */
    readonly secretArn: pulumi.Output<string>;
  };
  /** Its event queue and dead-letter queue URLs (empty when it consumes no events). */
  readonly queueUrls: pulumi.Output<string>[];
  /** Its bucket's name (empty when it has none). */
  readonly bucketNames: pulumi.Output<string>[];
  /** The key of each of its buckets, in the order of `bucketNames`. */
  readonly bucketKmsKeyArns: pulumi.Output<string>[];
  /**
   * Its EFS access point.
   * @default - none, when it does not mount the shared file system.
   */
  readonly efsAccessPointId?: pulumi.Output<string>;
}

/** `b-1.x...:9098,b-2...` → the DNS names of all `count` brokers (b-1 … b-count). */
export function brokerHosts(bootstrap: string, count: number): string[] {
  const first = bootstrap.split(",")[0].split(":")[0];
  const rest = first.replace(/^b-\d+\./, "");
  return Array.from({ length: count }, (_, i) => `b-${i + 1}.${rest}`);
}

/** What one service was given by the data tier: the stores it uses, already created. */
interface ServiceStores {
  /** The service's name. */
  readonly service: string;
  /** Its data settings. */
  readonly settings: ServiceDataSettings;
  /** Its own KMS key. */
  readonly keyArn: pulumi.Input<string>;
  /**
   * Its database.
   * @default - none.
   */
  readonly database?: ServiceDatabase;
  /**
   * Its bucket.
   * @default - none.
   */
  readonly bucket?: SecureBucket;
  /** The shared stores. */
  readonly cache: Cache;
  readonly kafka: Kafka;
  /** How many brokers Kafka runs (each is declared to the mesh). */
  readonly brokerCount: number;
  readonly events: EventBus;
  /** The event detail types it publishes on the bus. */
  readonly publishes: readonly string[];
  readonly efs: SharedFilesystem;
}

/** The IAM grants of one service's role: its key, the shared stores' keys, its database user, secret, queues, topics, bus and bucket prefix. */
function serviceGrants(stores: ServiceStores, identity: AwsIdentity): ServiceGrants {
  const { service: n, settings: st, database: db, bucket, cache, events, kafka } = stores;
  const queues = events.queues[n];
  return {
    service: n,
    identity,
    database: db ? { resourceId: db.resourceId, iamUser: db.iamUser } : undefined,
    kmsKeyArns: [stores.keyArn, ...(st.cache ? [cache.kmsKeyArn] : []), ...(queues ? [events.kmsKeyArn] : []), ...(bucket?.kmsKeyArn ? [bucket.kmsKeyArn] : [])],
    secretArns: st.cache ? [cache.authSecretArn] : [],
    queueArns: queues ? [queues.queueArn, queues.deadLetterQueueArn] : [],
    publishes: stores.publishes.length ? { busArn: events.busArn, source: eventSource(n), detailTypes: [...stores.publishes] } : undefined,
    kafka: { clusterArn: kafka.clusterArn, produces: st.topics.produces, consumes: st.topics.consumes },
    bucket: bucket ? { arn: bucket.bucketArn, prefix: `${n}/` } : undefined,
  };
}

/**
 * What one service's pods mount: the connection details of each store it uses, the
 * Redis AUTH secret, its EFS access point, and every AWS API and store it reaches
 * declared to the mesh (REGISTRY_ONLY). IAM authentication only for the database: the
 * pods sign a token as `db-iam-user`; the master secret stays with operators.
 */
function serviceBinding(stores: ServiceStores, region: string): ServiceDataBinding {
  const { service: n, settings: st, database: db, bucket, cache, events, kafka } = stores;
  const queues = events.queues[n];
  const config: Record<string, pulumi.Input<string>> = { "aws-region": region, "kms-key-arn": stores.keyArn };
  const secretArns: pulumi.Input<string>[] = [];
  // Every AWS API the role is granted is declared to the mesh (REGISTRY_ONLY); KMS for its keys.
  const endpoints: DataEndpoint[] = [{ name: "kms", hosts: [`kms.${region}.amazonaws.com`], port: 443, protocol: "TLS" }];
  if (db) {
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
    endpoints.push({ name: "kafka", hosts: kafka.bootstrapBrokers.apply((b) => brokerHosts(b, stores.brokerCount)), port: KAFKA_IAM_PORT, protocol: "TLS" });
  }
  if (stores.publishes.length) {
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
  const ap = stores.efs.accessPoints[n];
  return {
    config,
    secretArns,
    filesystem: ap ? { fileSystemId: stores.efs.fileSystemId, accessPointId: ap.accessPointId, readOnly: ap.readOnly } : undefined,
    endpoints,
  };
}

/** One service's stack outputs: its key, database, queues, bucket and access point. */
function serviceDataOutputs(stores: ServiceStores & { readonly keyArn: pulumi.Output<string> }): ServiceDataOutputs {
  const { database: db, bucket } = stores;
  const queues = stores.events.queues[stores.service];
  return {
    kmsKeyArn: stores.keyArn,
    database: db ? { engine: db.engine, endpoint: db.endpoint, secretArn: db.secretArn } : undefined,
    queueUrls: queues ? [queues.queueUrl, queues.deadLetterQueueUrl] : [],
    bucketNames: bucket ? [bucket.bucketName] : [],
    bucketKmsKeyArns: bucket?.kmsKeyArn ? [bucket.kmsKeyArn] : [],
    efsAccessPointId: stores.efs.accessPoints[stores.service]?.accessPointId,
  };
}

export interface BindingsArgs {
  /** The account, partition and region. */
  readonly identity: AwsIdentity;
  /** The prefix of AWS names. */
  readonly namePrefix: string;
  /** Each service's stores, by name. */
  readonly services: Readonly<Record<string, ServiceStores & { readonly keyArn: pulumi.Output<string>; readonly roleName: pulumi.Input<string> }>>;
}

/**
 * Per service, in name order: its access policy on its IRSA role (`<name>-<svc>-access`,
 * when it is granted anything), its pods' binding and its stack outputs.
 */
export function createBindings(
  name: string,
  args: BindingsArgs,
  parent: pulumi.Resource,
): { bindings: Record<string, ServiceDataBinding>; outputs: Record<string, ServiceDataOutputs> } {
  const bindings: Record<string, ServiceDataBinding> = {};
  const outputs: Record<string, ServiceDataOutputs> = {};
  for (const n of Object.keys(args.services).sort()) {
    const stores = args.services[n];
    const grants = serviceGrants(stores, args.identity);
    if (serviceAccessStatements(grants).length) {
      new ServiceAccess(`${name}-${n}-access`, { grants, roleName: stores.roleName, namePrefix: args.namePrefix }, { parent });
    }
    bindings[n] = serviceBinding(stores, args.identity.region);
    outputs[n] = serviceDataOutputs(stores);
  }
  return { bindings, outputs };
}
