import { describe, expect, it } from "vitest";
import type { PlanDocument, PlanResource } from "../../../tools/plan/types";
import { STACKS, loadPlan, ofType, single } from "../../support/plans";

/** The data tier: the DataTier component and everything under it (the edge reuses SecureBucket outside it). */
const DATA = "::platform:data:DataTier";
const dataOfType = (doc: PlanDocument, type: string) => ofType(doc, type).filter((r) => r.urn.includes(DATA));
const keyArn = (logical: string) => `arn:aws:kms:us-east-1:123456789012:key/${logical}`;
const NODE_SG = "sg-cluster-eks-cluster";
const SEED = { user: "postgres", product: "mysql", order: "postgres" } as const;
const CLASSES = { dev: { user: "db.t4g.small", product: "db.t4g.medium", order: "db.t4g.medium" }, prod: { user: "db.t3.medium", product: "db.t3.medium", order: "db.t3.large" } };

type Statement = { Effect: string; Action: string | string[]; Resource: string | string[]; Principal?: unknown; Condition?: Record<string, Record<string, unknown>> };
const statements = (policy: unknown): Statement[] => (JSON.parse(String(policy)) as { Statement: Statement[] }).Statement;
const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

/** The stateful types every prod resource of which must be protected or retained. */
const STATEFUL = [
  "aws:rds/instance:Instance",
  "aws:s3/bucket:Bucket",
  "aws:efs/fileSystem:FileSystem",
  "aws:msk/cluster:Cluster",
  "aws:msk/topic:Topic",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:kms/key:Key",
  "aws:redshiftserverless/namespace:Namespace",
  "aws:redshiftserverless/workgroup:Workgroup",
  "aws:sqs/queue:Queue",
  "aws:secretsmanager/secret:Secret",
  "aws:cloudwatch/logGroup:LogGroup",
];

describe.each(STACKS)("data tier in the %s plan", (stack) => {
  const doc = loadPlan(stack);
  const prod = stack === "prod";

  it("has one database per seed service, with the seed engines and classes", () => {
    const dbs = dataOfType(doc, "aws:rds/instance:Instance");
    expect(dbs.map((d) => d.name).sort()).toEqual(["data-order-db-instance", "data-product-db-instance", "data-user-db-instance"]);
    for (const [svc, engine] of Object.entries(SEED)) {
      const db = single(doc, "aws:rds/instance:Instance", `data-${svc}-db-instance`).inputs;
      expect(db.engine).toBe(engine);
      expect(db.engineVersion).toBe(engine === "postgres" ? "16" : "8.4");
      expect(db.instanceClass).toBe(CLASSES[stack][svc as keyof typeof SEED]);
      expect(db.port).toBe(engine === "postgres" ? 5432 : 3306);
      expect(db.identifier).toBe(`platform-${stack}-${svc}`);
    }
  });

  it("encrypts each database, its Performance Insights and its master secret with its own service's key", () => {
    const seen = new Set<unknown>();
    for (const svc of Object.keys(SEED)) {
      const db = single(doc, "aws:rds/instance:Instance", `data-${svc}-db-instance`).inputs;
      expect(db.kmsKeyId).toBe(keyArn(`data-${svc}-key`));
      expect(db.performanceInsightsKmsKeyId).toBe(keyArn(`data-${svc}-key`));
      expect(db.masterUserSecretKmsKeyId).toBe(keyArn(`data-${svc}-key`));
      seen.add(db.kmsKeyId);
      const key = single(doc, "aws:kms/key:Key", `data-${svc}-key`).inputs;
      expect(key.enableKeyRotation).toBe(true);
      const principals = statements(key.policy).map((s) => JSON.stringify(s.Principal));
      expect(principals).toEqual([
        JSON.stringify({ AWS: "arn:aws:iam::123456789012:root" }),
        JSON.stringify({ AWS: [`arn:aws:iam:us-east-1:123456789012:role/${svc}-identity-role`] }),
        // CloudWatch Logs encrypts the database's log-export groups with it.
        JSON.stringify({ Service: "logs.us-east-1.amazonaws.com" }),
      ]);
    }
    expect(seen.size).toBe(3);
  });

  it("locks each database down: private, TLS, IAM auth, logs, monitoring, managed password; HA only in prod", () => {
    for (const [svc, engine] of Object.entries(SEED)) {
      const db = single(doc, "aws:rds/instance:Instance", `data-${svc}-db-instance`);
      const i = db.inputs;
      expect(i).toMatchObject({
        publiclyAccessible: false,
        storageEncrypted: true,
        iamDatabaseAuthenticationEnabled: true,
        manageMasterUserPassword: true,
        autoMinorVersionUpgrade: true,
        performanceInsightsEnabled: true,
        monitoringInterval: 60,
        monitoringRoleArn: "arn:aws:iam:us-east-1:123456789012:role/data-rds-monitoring",
        backupRetentionPeriod: prod ? 35 : 7,
        multiAz: prod,
        deletionProtection: prod,
        skipFinalSnapshot: !prod,
        dbSubnetGroupName: `data-${svc}-db-subnets`,
        vpcSecurityGroupIds: [`data-${svc}-db-sg-id`],
      });
      expect(i.password).toBeUndefined();
      expect(i.finalSnapshotIdentifier).toBe(prod ? `platform-prod-${svc}-final` : undefined);
      expect(i.enabledCloudwatchLogsExports).toEqual(engine === "postgres" ? ["postgresql", "upgrade"] : ["error", "slowquery"]);
      expect(db.options.protect).toBe(prod);
      const params = single(doc, "aws:rds/parameterGroup:ParameterGroup", `data-${svc}-db-params`).inputs;
      expect(params.family).toBe(engine === "postgres" ? "postgres16" : "mysql8.4");
      const tls = engine === "postgres" ? { name: "rds.force_ssl", value: "1" } : { name: "require_secure_transport", value: "ON" };
      expect(params.parameters).toContainEqual({ ...tls, applyMethod: "pending-reboot" });
      const subnets = single(doc, "aws:rds/subnetGroup:SubnetGroup", `data-${svc}-db-subnets`).inputs;
      expect(subnets.subnetIds).toEqual(["network-data-a-id", "network-data-b-id", "network-data-c-id"]);
    }
  });

  it("admits only the application tier, on each store's port, with no CIDR sources and no inline rules", () => {
    const rules = dataOfType(doc, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(rules.map((r) => [r.name, r.inputs.fromPort]).sort()).toEqual(
      [
        ["data-efs-sg-from-app-tier", 2049],
        ["data-kafka-sg-from-app-tier", 9098],
        ["data-order-db-sg-from-app-tier", 5432],
        ["data-product-db-sg-from-app-tier", 3306],
        ["data-redis-sg-from-app-tier", 6379],
        ["data-user-db-sg-from-app-tier", 5432],
      ].sort(),
    );
    for (const r of rules) {
      expect(r.inputs.referencedSecurityGroupId).toBe(NODE_SG);
      expect(r.inputs.cidrIpv4).toBeUndefined();
      expect(r.inputs.cidrIpv6).toBeUndefined();
      expect(r.inputs.toPort).toBe(r.inputs.fromPort);
      expect(String(r.inputs.description).length).toBeGreaterThan(10);
    }
    for (const sg of dataOfType(doc, "aws:ec2/securityGroup:SecurityGroup")) {
      expect(sg.inputs.ingress).toBeUndefined();
      expect(sg.inputs.egress).toBeUndefined();
      expect(String(sg.inputs.description).length).toBeGreaterThan(10);
    }
    const egress = dataOfType(doc, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
    // S3's interface endpoint answers S3's names in the whole VPC: Redshift sends HTTPS there, and to the gateway's prefix list.
    expect(egress.map((e) => [e.name, e.inputs.prefixListId ?? e.inputs.referencedSecurityGroupId, e.inputs.fromPort])).toEqual([
      ["data-analytics-sg-to-s3", "pl-63a5400a", 443],
      ["data-analytics-sg-to-s3-endpoint", "network-endpoints-sg-id", 443],
    ]);
  });

  it("never grants a * action on a * resource in any data-tier IAM policy", () => {
    const docs = [
      ...dataOfType(doc, "aws:iam/policy:Policy").map((p) => p.inputs.policy),
      ...dataOfType(doc, "aws:iam/rolePolicy:RolePolicy").map((p) => p.inputs.policy),
    ];
    expect(docs).toHaveLength(3 + 3);
    for (const d of docs) {
      for (const s of statements(d)) {
        const star = list(s.Action).some((a) => a === "*" || a.endsWith(":*")) && list(s.Resource).includes("*");
        expect(star, JSON.stringify(s)).toBe(false);
        expect(list(s.Resource)).not.toContain("*");
      }
    }
  });

  it("scopes each service's policy to its own database user, secret, key, queues, events, topics and bucket prefix", () => {
    const order = statements(single(doc, "aws:iam/policy:Policy", "data-order-access-policy").inputs.policy);
    const bySid = Object.fromEntries(order.map((s) => [(s as unknown as { Sid: string }).Sid, s]));
    expect(bySid.ConnectAsItsDatabaseUser.Resource).toBe("arn:aws:rds-db:us-east-1:123456789012:dbuser:db-DATA-ORDER-DB-INSTANCE/order_app");
    // IAM authentication only: no RDS master secret (and order has no cache, so no secret at all).
    expect(bySid.ReadItsSecrets).toBeUndefined();
    expect(JSON.stringify(order)).not.toContain("rds!");
    expect(bySid.UseItsKeys.Resource).toEqual([keyArn("data-order-key"), keyArn("data-events-key"), keyArn("data-order-documents-key")]);
    expect(bySid.ConsumeItsQueues.Resource).toEqual([
      "arn:aws:sqs:us-east-1:123456789012:queue/data-events-order-queue",
      "arn:aws:sqs:us-east-1:123456789012:queue/data-events-order-dlq",
    ]);
    expect(bySid.PublishItsEvents.Condition).toEqual({ StringEquals: { "events:source": "platform.order", "events:detail-type": ["OrderPlaced", "PaymentProcessed"] } });
    expect(bySid.ProduceIdempotently).toEqual({
      Sid: "ProduceIdempotently",
      Effect: "Allow",
      Action: "kafka-cluster:WriteDataIdempotently",
      Resource: `arn:aws:kafka:us-east-1:123456789012:cluster/platform-${stack}-kafka/data-kafka-cluster-uuid`,
    });
    expect(bySid.ProduceItsTopics.Resource).toEqual(["arn:aws:kafka:us-east-1:123456789012:topic/platform-" + stack + "-kafka/data-kafka-cluster-uuid/orders.lifecycle"]);
    expect(bySid.UseItsBucketPrefix.Resource).toBe(`arn:aws:s3:us-east-1:123456789012:bucket/data-order-documents-bucket/order/*`);
    // Order has no cache: neither the Redis secret nor the Redis key.
    expect(JSON.stringify(order)).not.toContain("redis");
    const attachments = dataOfType(doc, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.name.endsWith("-access-attach"));
    expect(attachments.map((a) => a.inputs.role).sort()).toEqual(["order-identity-role", "product-identity-role", "user-identity-role"]);
  });

  it("gives Redis KMS at rest, TLS in transit, a rotated AUTH secret, and failover only in prod", () => {
    const group = single(doc, "aws:elasticache/replicationGroup:ReplicationGroup", "data-redis-group");
    expect(group.inputs).toMatchObject({
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      kmsKeyId: keyArn("data-redis-key"),
      authToken: "[secret]",
      numCacheClusters: prod ? 3 : 1,
      automaticFailoverEnabled: prod,
      multiAzEnabled: prod,
      snapshotRetentionLimit: prod ? 14 : 1,
      securityGroupIds: ["data-redis-sg-id"],
    });
    expect(group.options.ignoreChanges).toEqual(["authToken"]);
    const secret = single(doc, "aws:secretsmanager/secret:Secret", "data-redis-auth-secret").inputs;
    expect(secret.kmsKeyId).toBe(keyArn("data-redis-key"));
    const rotation = single(doc, "aws:secretsmanager/secretRotation:SecretRotation", "data-redis-auth-rotation").inputs;
    expect(rotation).toMatchObject({ rotationRules: { automaticallyAfterDays: 30 }, rotationLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function/data-redis-rotation" });
    expect(single(doc, "aws:lambda/function:Function", "data-redis-rotation").inputs).toMatchObject({ runtime: "nodejs24.x", handler: "index.handler", timeout: 900 });
    expect(ofType(doc, "random:index/randomPassword:RandomPassword").filter((r) => r.name.startsWith("data-")).map((r) => r.inputs)).toEqual([{ length: 64, special: false }]);
  });

  it("rotates every Secrets Manager secret the tier creates within 90 days", () => {
    const secrets = dataOfType(doc, "aws:secretsmanager/secret:Secret");
    const rotations = dataOfType(doc, "aws:secretsmanager/secretRotation:SecretRotation");
    expect(secrets).toHaveLength(1);
    for (const s of secrets) {
      const r = rotations.find((x) => x.dependencies.includes(s.urn));
      expect(r, s.name).toBeDefined();
      expect((r?.inputs.rotationRules as { automaticallyAfterDays: number }).automaticallyAfterDays).toBeLessThanOrEqual(90);
    }
  });

  it("runs MSK with TLS, a CMK, IAM auth only, no public access, broker logs and the stack's brokers", () => {
    const cluster = single(doc, "aws:msk/cluster:Cluster", "data-kafka-cluster").inputs;
    expect(cluster).toMatchObject({
      numberOfBrokerNodes: prod ? 6 : 3,
      enhancedMonitoring: "PER_TOPIC_PER_BROKER",
      clientAuthentication: { sasl: { iam: true, scram: false }, unauthenticated: false },
      encryptionInfo: { encryptionAtRestKmsKeyArn: keyArn("data-kafka-key"), encryptionInTransit: { clientBroker: "TLS", inCluster: true } },
      loggingInfo: { brokerLogs: { cloudwatchLogs: { enabled: true, logGroup: `/platform-${stack}/msk/brokers` } } },
      brokerNodeGroupInfo: {
        instanceType: prod ? "kafka.m7g.xlarge" : "kafka.m7g.large",
        clientSubnets: ["network-data-a-id", "network-data-b-id", "network-data-c-id"],
        connectivityInfo: { publicAccess: { type: "DISABLED" } },
      },
    });
    expect(dataOfType(doc, "aws:msk/topic:Topic").map((t) => t.inputs.name).sort()).toEqual(["orders.lifecycle", "products.views", "users.activity"]);
    expect(String(single(doc, "aws:msk/configuration:Configuration", "data-kafka-config").inputs.serverProperties)).toContain("auto.create.topics.enable=false");
  });

  it("lands each topic in the encrypted data lake through Firehose and keeps Redshift private", () => {
    const streams = dataOfType(doc, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream");
    expect(streams).toHaveLength(3);
    for (const s of streams) {
      expect(s.inputs).toMatchObject({
        destination: "extended_s3",
        mskSourceConfiguration: { authenticationConfiguration: { connectivity: "PRIVATE" } },
        extendedS3Configuration: { kmsKeyArn: keyArn("data-analytics-lake-key"), compressionFormat: "GZIP" },
      });
    }
    const ns = single(doc, "aws:redshiftserverless/namespace:Namespace", "data-analytics-namespace").inputs;
    expect(ns).toMatchObject({ kmsKeyId: keyArn("data-analytics-key"), manageAdminPassword: true, adminPasswordSecretKmsKeyId: keyArn("data-analytics-key") });
    expect(ns.adminUserPassword).toBeUndefined();
    expect(ns.logExports).toEqual(["userlog", "connectionlog", "useractivitylog"]);
    const wg = single(doc, "aws:redshiftserverless/workgroup:Workgroup", "data-analytics-workgroup").inputs;
    expect(wg).toMatchObject({ publiclyAccessible: false, enhancedVpcRouting: true, baseCapacity: prod ? 32 : 8, subnetIds: ["network-data-a-id", "network-data-b-id", "network-data-c-id"] });
  });

  it("creates five buckets, each with every control, and the seed's special cases", () => {
    const buckets = dataOfType(doc, "aws:s3/bucket:Bucket");
    expect(buckets.map((b) => b.name).sort()).toEqual([
      "data-access-logs-bucket",
      "data-analytics-lake-bucket",
      "data-order-documents-bucket",
      "data-product-catalog-bucket",
      "data-user-uploads-bucket",
    ]);
    const byBucket = (type: string) => new Map(dataOfType(doc, type).map((r) => [r.inputs.bucket, r]));
    const pab = byBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
    const own = byBucket("aws:s3/bucketOwnershipControls:BucketOwnershipControls");
    const sse = byBucket("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
    const ver = byBucket("aws:s3/bucketVersioning:BucketVersioning");
    const log = byBucket("aws:s3/bucketLogging:BucketLogging");
    const life = byBucket("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
    const pol = byBucket("aws:s3/bucketPolicy:BucketPolicy");
    for (const b of buckets) {
      const id = `${b.name}-id`;
      expect(pab.get(id)?.inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
      expect(own.get(id)?.inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
      const rule = (sse.get(id)?.inputs.rules as Record<string, unknown>[])[0];
      expect(rule).toMatchObject({ bucketKeyEnabled: true, applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn(b.name.replace(/-bucket$/, "-key")) } });
      expect(ver.get(id)?.inputs.versioningConfiguration).toEqual({ status: "Enabled" });
      // The access-log bucket does not log into itself (a loop); every other bucket logs into it.
      expect(log.get(id)?.inputs.targetBucket).toBe(b.name === "data-access-logs-bucket" ? undefined : `platform-${stack}-access-logs-gssuffix`);
      expect(life.get(id)?.inputs.rules).toContainEqual({ id: "abort-incomplete-multipart", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } });
      const st = statements(pol.get(id)?.inputs.policy);
      expect(st[0]).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
      expect(st.filter((s) => s.Effect === "Allow" && JSON.stringify(s.Principal).includes('"*"'))).toEqual([]);
      expect(b.options.protect).toBe(prod);
    }
    const documents = single(doc, "aws:s3/bucket:Bucket", "data-order-documents-bucket").inputs;
    expect(documents.objectLockEnabled).toBe(true);
    const lock = single(doc, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "data-order-documents-object-lock").inputs;
    expect(lock).toEqual({ bucket: "data-order-documents-bucket-id", objectLockEnabled: "Enabled", rule: { defaultRetention: prod ? { mode: "COMPLIANCE", years: 7 } : { mode: "GOVERNANCE", days: 1 } } });
    expect(dataOfType(doc, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")).toHaveLength(1);
    const catalogPolicy = statements(single(doc, "aws:s3/bucketPolicy:BucketPolicy", "data-product-catalog-policy").inputs.policy);
    expect(catalogPolicy[1]).toMatchObject({
      Effect: "Allow",
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: "s3:GetObject",
      Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront:us-east-1:123456789012:distribution/data-product-catalog-cdn" } },
    });
    const cdn = single(doc, "aws:cloudfront/distribution:Distribution", "data-product-catalog-cdn").inputs;
    expect((cdn.origins as Record<string, unknown>[])[0]).toMatchObject({ originAccessControlId: "data-product-catalog-oac-id" });
    expect(dataOfType(doc, "aws:cloudfront/distribution:Distribution")).toHaveLength(1);
  });

  it("shares EFS read-only with all and read-write with order only, over TLS, through non-root access points", () => {
    const fs = single(doc, "aws:efs/fileSystem:FileSystem", "data-efs-fs").inputs;
    expect(fs).toMatchObject({ encrypted: true, kmsKeyId: keyArn("data-efs-key") });
    expect(single(doc, "aws:efs/backupPolicy:BackupPolicy", "data-efs-backup").inputs.backupPolicy).toEqual({ status: "ENABLED" });
    expect(dataOfType(doc, "aws:efs/mountTarget:MountTarget").map((m) => m.inputs.subnetId)).toEqual(["network-data-a-id", "network-data-b-id", "network-data-c-id"]);
    const aps = dataOfType(doc, "aws:efs/accessPoint:AccessPoint");
    expect(aps.map((a) => [a.name, (a.inputs.tags as Record<string, string>).Mode]).sort()).toEqual([
      ["data-efs-order", "rw"],
      ["data-efs-product", "ro"],
      ["data-efs-user", "ro"],
    ]);
    for (const ap of aps) {
      expect((ap.inputs.rootDirectory as { path: string }).path).toBe("/shared-config");
      expect((ap.inputs.posixUser as { uid: number }).uid).toBeGreaterThan(0);
    }
    const st = statements(single(doc, "aws:efs/fileSystemPolicy:FileSystemPolicy", "data-efs-policy").inputs.policy);
    expect(st[0]).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expect(st[1]).toMatchObject({
      Effect: "Deny",
      Action: ["elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"],
      Condition: { StringNotEquals: { "elasticfilesystem:AccessPointArn": ["arn:aws:efs:us-east-1:123456789012:accesspoint/data-efs-order"] } },
    });
    expect(st[2]).toMatchObject({ Effect: "Allow", Principal: { AWS: ["arn:aws:iam:us-east-1:123456789012:role/cluster-nodes-role"] } });
    const addon = single(doc, "aws:eks/addon:Addon", "data-efs-csi-addon").inputs;
    expect(addon).toMatchObject({ addonName: "aws-efs-csi-driver", addonVersion: "v3.2.0-eksbuild.1", serviceAccountRoleArn: "arn:aws:iam:us-east-1:123456789012:role/data-efs-csi-role" });
  });

  it("routes the seed's events to a KMS-encrypted queue and DLQ per consumer, each admitting only its rules", () => {
    const rules = dataOfType(doc, "aws:cloudwatch/eventRule:EventRule");
    expect(Object.fromEntries(rules.map((r) => [r.name, JSON.parse(String(r.inputs.eventPattern))]))).toEqual({
      "data-events-OrderPlaced": { source: ["platform.order"], "detail-type": ["OrderPlaced"] },
      "data-events-PaymentProcessed": { source: ["platform.order"], "detail-type": ["PaymentProcessed"] },
      "data-events-UserRegistered": { source: ["platform.user"], "detail-type": ["UserRegistered"] },
    });
    const targets = dataOfType(doc, "aws:cloudwatch/eventTarget:EventTarget").map((t) => t.name).sort();
    expect(targets).toEqual(["data-events-OrderPlaced-to-user", "data-events-PaymentProcessed-to-order", "data-events-UserRegistered-to-product"]);
    const queues = dataOfType(doc, "aws:sqs/queue:Queue");
    expect(queues).toHaveLength(6);
    for (const q of queues) expect(q.inputs.kmsMasterKeyId).toBe(keyArn("data-events-key"));
    const expectRule = { user: "OrderPlaced", product: "UserRegistered", order: "PaymentProcessed" };
    for (const [consumer, event] of Object.entries(expectRule)) {
      for (const role of ["queue", "dlq"]) {
        const st = statements(single(doc, "aws:sqs/queuePolicy:QueuePolicy", `data-events-${consumer}-${role}-policy`).inputs.policy);
        expect(st[0].Condition).toEqual({ ArnEquals: { "aws:SourceArn": [`arn:aws:events:us-east-1:123456789012:rule/platform-${stack}-events/platform-${stack}-events-${event}`] } });
      }
    }
    const busPolicy = statements(single(doc, "aws:cloudwatch/eventBusPolicy:EventBusPolicy", "data-events-bus-policy").inputs.policy);
    expect(busPolicy.map((s) => s.Principal)).toEqual([
      { AWS: "arn:aws:iam:us-east-1:123456789012:role/order-identity-role" },
      { AWS: "arn:aws:iam:us-east-1:123456789012:role/user-identity-role" },
    ]);
  });

  it(`${prod ? "protects" : "does not protect"} every stateful data resource`, () => {
    const stateful = doc.resources.filter((r) => r.urn.includes(DATA) && STATEFUL.includes(r.type));
    // 40, plus the 6 RDS and 3 Redshift log-export groups.
    expect(stateful.length).toBe(49);
    const unprotected = stateful.filter((r: PlanResource) => !(r.options.protect || r.options.retainOnDelete)).map((r) => r.name);
    expect(unprotected).toEqual(prod ? [] : stateful.map((r) => r.name));
  });

  it("binds each service's pods to its endpoints as files, never env", () => {
    const maps = ofType(doc, "kubernetes:core/v1:ConfigMap").filter((c) => c.name.endsWith("-pod-data"));
    expect(maps).toHaveLength(3);
    const order = maps.find((m) => m.name === "order-pod-data")?.inputs.data as Record<string, string>;
    expect(order).toMatchObject({ "db-engine": "postgres", "db-port": "5432", "db-name": "order_db", "db-iam-user": "order_app", "bucket-prefix": "order/" });
    expect(order["redis-host"]).toBeUndefined();
  });
});
