import type { PlanResource } from "../../../tools/plan/types";
import { World, arn, id, resource } from "../fixtures";

const T = {
  vpc: "aws:ec2/vpc:Vpc",
  igw: "aws:ec2/internetGateway:InternetGateway",
  subnet: "aws:ec2/subnet:Subnet",
  rt: "aws:ec2/routeTable:RouteTable",
  route: "aws:ec2/route:Route",
  rta: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  nat: "aws:ec2/natGateway:NatGateway",
  flowLog: "aws:ec2/flowLog:FlowLog",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  key: "aws:kms/key:Key",
  defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  cert: "aws:acm/certificate:Certificate",
  webAcl: "aws:wafv2/webAcl:WebAcl",
  wafAssoc: "aws:wafv2/webAclAssociation:WebAclAssociation",
  wafLog: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
  db: "aws:rds/instance:Instance",
  pg: "aws:rds/parameterGroup:ParameterGroup",
  redis: "aws:elasticache/replicationGroup:ReplicationGroup",
  msk: "aws:msk/cluster:Cluster",
  bucket: "aws:s3/bucket:Bucket",
  efs: "aws:efs/fileSystem:FileSystem",
  efsPolicy: "aws:efs/fileSystemPolicy:FileSystemPolicy",
  accessPoint: "aws:efs/accessPoint:AccessPoint",
  mountTarget: "aws:efs/mountTarget:MountTarget",
  secret: "aws:secretsmanager/secret:Secret",
  rotation: "aws:secretsmanager/secretRotation:SecretRotation",
  topic: "aws:sns/topic:Topic",
  queue: "aws:sqs/queue:Queue",
  busPolicy: "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
  trail: "aws:cloudtrail/trail:Trail",
  rsCluster: "aws:redshift/cluster:Cluster",
  rsLogging: "aws:redshift/logging:Logging",
  rsNamespace: "aws:redshiftserverless/namespace:Namespace",
  rsWorkgroup: "aws:redshiftserverless/workgroup:Workgroup",
  firehose: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
  eks: "aws:eks/cluster:Cluster",
  lambda: "aws:lambda/function:Function",
  addon: "aws:eks/addon:Addon",
  nodeGroup: "aws:eks/nodeGroup:NodeGroup",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  instance: "aws:ec2/instance:Instance",
  volume: "aws:ebs/volume:Volume",
  detector: "aws:guardduty/detector:Detector",
  feature: "aws:guardduty/detectorFeature:DetectorFeature",
  hub: "aws:securityhub/account:Account",
  standard: "aws:securityhub/standardsSubscription:StandardsSubscription",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  iamPolicy: "aws:iam/policy:Policy",
  egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  logging: "aws:s3/bucketLogging:BucketLogging",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  lambdaPermission: "aws:lambda/permission:Permission",
  secretPolicy: "aws:secretsmanager/secretPolicy:SecretPolicy",
  mskPolicy: "aws:msk/clusterPolicy:ClusterPolicy",
  keyPolicy: "aws:kms/keyPolicy:KeyPolicy",
  eventPermission: "aws:cloudwatch/eventPermission:EventPermission",
  oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  targetGroup: "aws:lb/targetGroup:TargetGroup",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
} as const;

/** The fixtures' EKS OIDC issuer, as the IRSA trust policies name it. */
export const ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE";

/** The fixtures' type tokens, for mutations that add resources. */
export const AWS_TYPES = T;

/** A key ARN of the fixture key `name`. */
const keyArn = (name: string) => arn(T.key, name);

const doc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const denyInsecure = (resourceArn: string, action: string) =>
  doc({ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: action, Resource: [resourceArn, `${resourceArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } });

function kmsKey(name: string): PlanResource {
  return resource(T.key, name, {
    description: name,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: doc({ Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" }),
  });
}

/** A bucket with every configuration resource the S3 policies ask for. */
function bucket(name: string, opts: { logTo?: string; objectLock?: boolean; sseS3?: boolean }): PlanResource[] {
  const b = id(name);
  return [
    resource(T.bucket, name, { bucket: `platform-test-${name}`, ...(opts.objectLock ? { objectLockEnabled: true } : {}) }),
    resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", `${name}-sse`, {
      bucket: b,
      rules: opts.sseS3
        ? [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]
        : [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn("data-key") }, bucketKeyEnabled: true }],
    }),
    resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${name}-pab`, { bucket: b, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
    resource("aws:s3/bucketOwnershipControls:BucketOwnershipControls", `${name}-ownership`, { bucket: b, rule: { objectOwnership: "BucketOwnerEnforced" } }),
    resource("aws:s3/bucketPolicy:BucketPolicy", `${name}-policy`, { bucket: b, policy: denyInsecure(arn(T.bucket, name), "s3:*") }),
    resource("aws:s3/bucketVersioning:BucketVersioning", `${name}-versioning`, { bucket: b, versioningConfiguration: { status: "Enabled" } }),
    resource("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", `${name}-lifecycle`, {
      bucket: b,
      rules: [{ id: "abort-multipart", status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } }],
    }),
    ...(opts.logTo ? [resource("aws:s3/bucketLogging:BucketLogging", `${name}-logging`, { bucket: b, targetBucket: id(opts.logTo), targetPrefix: `${name}/` })] : []),
    ...(opts.objectLock
      ? [resource("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", `${name}-lock`, { bucket: b, rule: { defaultRetention: { mode: "COMPLIANCE", years: 7 } } })]
      : []),
  ];
}

/**
 * A small stack that complies with every AWS policy: one VPC with a public, an
 * application and a data subnet, egress through a NAT gateway, an internet-facing ALB
 * behind WAF, and one of every data, identity, audit and detection resource the
 * catalogue names.
 */
export function awsWorld(): World {
  const metrics = (name: string) => ({ cloudwatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true });
  return new World([
    resource("pulumi:providers:aws", "aws", { region: "us-east-1" }),
    resource(T.vpc, "vpc", { cidrBlock: "10.0.0.0/16" }),
    resource(T.igw, "igw", { vpcId: id("vpc") }),
    resource(T.subnet, "public-a", { vpcId: id("vpc"), availabilityZone: "us-east-1a", mapPublicIpOnLaunch: true, tags: { Tier: "public" } }),
    resource(T.subnet, "app-a", { vpcId: id("vpc"), cidrBlock: "10.0.0.0/20", availabilityZone: "us-east-1a", mapPublicIpOnLaunch: false, tags: { Tier: "application" } }),
    resource(T.subnet, "data-a", { vpcId: id("vpc"), cidrBlock: "10.0.192.0/21", availabilityZone: "us-east-1a", mapPublicIpOnLaunch: false, tags: { Tier: "data" } }),
    resource(T.nat, "nat-a", { subnetId: id("public-a"), allocationId: "nat-eip-a-alloc" }),
    resource(T.rt, "public-rt", { vpcId: id("vpc"), tags: { Tier: "public" } }),
    resource(T.rt, "app-rt", { vpcId: id("vpc"), tags: { Tier: "application" } }),
    resource(T.rt, "data-rt", { vpcId: id("vpc"), tags: { Tier: "data" } }),
    resource(T.route, "public-default", { routeTableId: id("public-rt"), destinationCidrBlock: "0.0.0.0/0", gatewayId: id("igw") }),
    resource(T.route, "app-default", { routeTableId: id("app-rt"), destinationCidrBlock: "0.0.0.0/0", natGatewayId: id("nat-a") }),
    resource(T.rta, "public-rta", { routeTableId: id("public-rt"), subnetId: id("public-a") }),
    resource(T.rta, "app-rta", { routeTableId: id("app-rt"), subnetId: id("app-a") }),
    resource(T.rta, "data-rta", { routeTableId: id("data-rt"), subnetId: id("data-a") }),
    kmsKey("logs-key"),
    kmsKey("data-key"),
    kmsKey("db-key"),
    resource(T.logGroup, "flow-logs", { name: "/platform/flow-logs", kmsKeyId: keyArn("logs-key"), retentionInDays: 365 }),
    resource(T.flowLog, "flow-log", { vpcId: id("vpc"), trafficType: "ALL", logDestination: arn(T.logGroup, "flow-logs") }),
    resource(T.defaultSg, "default-sg", { vpcId: id("vpc"), ingress: [], egress: [] }),
    resource(T.sg, "alb-sg", { vpcId: id("vpc"), description: "The internet-facing ALB." }),
    resource(T.ingress, "alb-https", { securityGroupId: id("alb-sg"), cidrIpv4: "0.0.0.0/0", fromPort: 443, toPort: 443, ipProtocol: "tcp", description: "HTTPS from the internet." }),
    resource(T.sg, "app-sg", {
      vpcId: id("vpc"),
      description: "The application pods.",
      ingress: [{ fromPort: 8080, toPort: 8080, protocol: "tcp", securityGroups: [id("alb-sg")], description: "From the ALB." }],
    }),
    resource(T.cert, "api-cert", { domainName: "api.example.com", validationMethod: "DNS" }),
    resource(T.lb, "alb", {
      internal: false,
      loadBalancerType: "application",
      securityGroups: [id("alb-sg")],
      subnets: [id("public-a")],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: true,
      accessLogs: { enabled: true, bucket: id("alb-logs") },
    }),
    resource(T.listener, "https", { loadBalancerArn: arn(T.lb, "alb"), protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArn: arn(T.cert, "api-cert") }),
    resource(T.listener, "http", {
      loadBalancerArn: arn(T.lb, "alb"),
      protocol: "HTTP",
      port: 80,
      defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    }),
    resource(T.webAcl, "web-acl", {
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      visibilityConfig: metrics("web-acl"),
      rules: [
        { name: "known-bad-inputs", priority: 1, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesKnownBadInputsRuleSet" } }, visibilityConfig: metrics("kbi") },
        { name: "rate-limit", priority: 2, action: { block: {} }, statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } }, visibilityConfig: metrics("rate") },
      ],
    }),
    resource(T.wafAssoc, "web-acl-alb", { resourceArn: arn(T.lb, "alb"), webAclArn: arn(T.webAcl, "web-acl") }),
    resource(T.wafLog, "web-acl-logging", { resourceArn: arn(T.webAcl, "web-acl"), logDestinationConfigs: [arn(T.logGroup, "flow-logs")] }),
    resource(T.pg, "db-params", { name: "db-params", family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }] }),
    resource(T.db, "db", {
      engine: "postgres",
      engineVersion: "16",
      storageEncrypted: true,
      kmsKeyId: keyArn("db-key"),
      publiclyAccessible: false,
      multiAz: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: "db-final",
      backupRetentionPeriod: 7,
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      monitoringInterval: 60,
      monitoringRoleArn: arn(T.role, "rds-monitoring"),
      manageMasterUserPassword: true,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: keyArn("db-key"),
      parameterGroupName: "db-params",
      autoMinorVersionUpgrade: true,
    }),
    resource(T.redis, "redis", {
      atRestEncryptionEnabled: "true",
      transitEncryptionEnabled: true,
      kmsKeyId: keyArn("data-key"),
      authToken: "[secret]",
      numCacheClusters: 2,
      multiAzEnabled: true,
      automaticFailoverEnabled: true,
      snapshotRetentionLimit: 7,
    }),
    resource(T.msk, "kafka", {
      encryptionInfo: { encryptionAtRestKmsKeyArn: keyArn("data-key"), encryptionInTransit: { clientBroker: "TLS", inCluster: true } },
      clientAuthentication: { sasl: { iam: true }, unauthenticated: false },
      brokerNodeGroupInfo: { clientSubnets: [id("data-a")], connectivityInfo: { publicAccess: { type: "DISABLED" } } },
      loggingInfo: { brokerLogs: { cloudwatchLogs: { enabled: true, logGroup: "/platform/kafka" } } },
    }),
    ...bucket("logs", {}),
    // ALB access logs: Elastic Load Balancing delivers only to SSE-S3 buckets.
    ...bucket("alb-logs", { logTo: "logs", sseS3: true }),
    ...bucket("order-documents", { logTo: "logs", objectLock: true }),
    resource(T.efs, "efs", { encrypted: true, kmsKeyId: keyArn("data-key") }),
    resource(T.efsPolicy, "efs-policy", { fileSystemId: id("efs"), policy: denyInsecure(arn(T.efs, "efs"), "*") }),
    resource(T.accessPoint, "efs-ap", { fileSystemId: id("efs"), rootDirectory: { path: "/shared/config" }, posixUser: { uid: 1000, gid: 1000 } }),
    resource(T.sg, "efs-sg", { vpcId: id("vpc"), description: "EFS mount targets." }),
    resource(T.ingress, "efs-nfs", { securityGroupId: id("efs-sg"), referencedSecurityGroupId: id("app-sg"), fromPort: 2049, toPort: 2049, ipProtocol: "tcp", description: "NFS from the app." }),
    resource(T.mountTarget, "efs-mount-a", { fileSystemId: id("efs"), subnetId: id("data-a"), securityGroups: [id("efs-sg")] }),
    resource(T.secret, "api-secret", { kmsKeyId: keyArn("data-key") }),
    resource(T.rotation, "api-secret-rotation", { secretId: arn(T.secret, "api-secret"), rotationRules: { automaticallyAfterDays: 30 } }),
    resource(T.topic, "alarms", { kmsMasterKeyId: keyArn("data-key") }),
    resource(T.topicPolicy, "alarms-policy", {
      arn: arn(T.topic, "alarms"),
      policy: doc({ Sid: "CloudWatchPublishes", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: arn(T.topic, "alarms"), Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }),
    }),
    resource(T.queue, "events", { kmsMasterKeyId: keyArn("data-key") }),
    resource(T.queuePolicy, "events-policy", {
      queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/events",
      policy: doc({ Sid: "RuleDelivers", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: arn(T.queue, "events"), Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:events:us-east-1:123456789012:rule/bus/orders" } } }),
    }),
    resource(T.lambdaPermission, "rotation-invoke", { action: "lambda:InvokeFunction", function: "rotation", principal: "secretsmanager.amazonaws.com", sourceArn: arn(T.secret, "api-secret"), sourceAccount: "123456789012" }),
    resource(T.secretPolicy, "api-secret-policy", {
      secretArn: arn(T.secret, "api-secret"),
      blockPublicPolicy: true,
      policy: doc({ Sid: "AppReads", Effect: "Allow", Principal: { AWS: arn(T.role, "app-role") }, Action: "secretsmanager:GetSecretValue", Resource: "*" }),
    }),
    resource(T.mskPolicy, "kafka-policy", {
      clusterArn: arn(T.msk, "kafka"),
      policy: doc({ Sid: "FirehoseConnects", Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: ["kafka:CreateVpcConnection", "kafka:DescribeClusterV2"], Resource: arn(T.msk, "kafka") }),
    }),
    resource(T.keyPolicy, "db-key-policy", {
      keyId: id("db-key"),
      policy: doc({ Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" }),
    }),
    resource(T.eventPermission, "org-puts", { principal: "*", statementId: "OrgPuts", action: "events:PutEvents", condition: { type: "StringEquals", key: "aws:PrincipalOrgID", value: "o-abc123def4" } }),
    resource(T.busPolicy, "bus-policy", {
      policy: doc({ Sid: "AccountPuts", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "events:PutEvents", Resource: "*" }),
    }),
    resource(T.trail, "trail", {
      kmsKeyId: keyArn("logs-key"),
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      cloudWatchLogsGroupArn: `${arn(T.logGroup, "flow-logs")}:*`,
      cloudWatchLogsRoleArn: arn(T.role, "trail-role"),
    }),
    resource(T.rsCluster, "warehouse", { encrypted: "true", kmsKeyId: keyArn("data-key"), publiclyAccessible: false, enhancedVpcRouting: true }),
    resource(T.rsLogging, "warehouse-logging", { clusterIdentifier: id("warehouse"), logDestinationType: "cloudwatch", logExports: ["userlog"] }),
    resource(T.rsNamespace, "analytics", { kmsKeyId: keyArn("data-key"), logExports: ["userlog", "connectionlog"] }),
    resource(T.rsWorkgroup, "analytics-wg", { publiclyAccessible: false, enhancedVpcRouting: true, subnetIds: [id("data-a")], securityGroupIds: [id("analytics-sg")] }),
    resource(T.sg, "analytics-sg", { vpcId: id("vpc"), description: "Redshift Serverless: HTTPS out to S3 only." }),
    resource(T.egress, "analytics-to-s3", { securityGroupId: id("analytics-sg"), referencedSecurityGroupId: id("endpoints-sg"), ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "HTTPS to S3's interface endpoint." }),
    resource(T.sg, "endpoints-sg", { vpcId: id("vpc"), description: "VPC interface endpoints." }),
    resource(T.ingress, "endpoints-https", { securityGroupId: id("endpoints-sg"), cidrIpv4: "10.0.0.0/16", ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "HTTPS from the VPC." }),
    resource(T.endpoint, "s3-gateway", { vpcId: id("vpc"), serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Gateway", routeTableIds: [id("app-rt"), id("data-rt")] }),
    resource(T.endpoint, "s3-interface", {
      vpcId: id("vpc"),
      serviceName: "com.amazonaws.us-east-1.s3",
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      dnsOptions: { privateDnsOnlyForInboundResolverEndpoint: false },
      subnetIds: [id("app-a")],
      securityGroupIds: [id("endpoints-sg")],
    }),
    resource(T.firehose, "direct-stream", {
      destination: "extended_s3",
      serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: keyArn("data-key") },
      extendedS3Configuration: { bucketArn: arn(T.bucket, "logs"), kmsKeyArn: keyArn("data-key") },
    }),
    resource(T.firehose, "msk-stream", {
      destination: "extended_s3",
      mskSourceConfiguration: { mskClusterArn: arn(T.msk, "kafka"), topicName: "orders" },
      extendedS3Configuration: { bucketArn: arn(T.bucket, "logs"), kmsKeyArn: keyArn("data-key") },
    }),
    resource(T.eks, "cluster", {
      name: "platform-test",
      version: "1.35",
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: keyArn("data-key") } },
      vpcConfig: { subnetIds: [id("app-a")], endpointPrivateAccess: true, endpointPublicAccess: false },
      enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    }),
    resource(T.addon, "kube-proxy", { clusterName: id("cluster"), addonName: "kube-proxy", addonVersion: "v1.35.0-eksbuild.2" }),
    resource(T.addon, "coredns", { clusterName: id("cluster"), addonName: "coredns", addonVersion: "v1.13.2-eksbuild.1" }),
    resource(T.addon, "container-insights", {
      clusterName: id("cluster"),
      addonName: "amazon-cloudwatch-observability",
      addonVersion: "v6.7.0-eksbuild.1",
      configurationValues: JSON.stringify({ containerInsights: { enabled: true }, containerLogs: { enabled: false } }),
    }),
    // Alarms on metrics the plan produces: the add-on's node metrics, the ALB's target group.
    resource(T.targetGroup, "gateway", { port: 443, protocol: "HTTPS", targetType: "ip", vpcId: id("vpc") }),
    resource(T.alarm, "nodes-cpu", {
      namespace: "ContainerInsights",
      metricName: "node_cpu_utilization",
      dimensions: { ClusterName: "platform-test" },
      statistic: "Average",
      period: 60,
      evaluationPeriods: 5,
      threshold: 80,
      comparisonOperator: "GreaterThanThreshold",
    }),
    resource(T.alarm, "api-latency", {
      namespace: "AWS/ApplicationELB",
      metricName: "TargetResponseTime",
      dimensions: { LoadBalancer: "app/alb/50dc6c495c0c9188", TargetGroup: "targetgroup/gateway/73e2d6bc24d8a067" },
      extendedStatistic: "p95",
      period: 60,
      evaluationPeriods: 5,
      threshold: 1,
      comparisonOperator: "GreaterThanThreshold",
    }),
    resource(T.lambda, "rotation-fn", { runtime: "nodejs24.x", handler: "index.handler", role: arn(T.role, "app-role") }),
    resource(T.launchTemplate, "nodes-lt", {
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: keyArn("data-key") } }],
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
    }),
    resource(T.nodeGroup, "nodes", {
      clusterName: id("cluster"),
      subnetIds: [id("app-a")],
      launchTemplate: { id: id("nodes-lt"), version: "1" },
      instanceTypes: ["t3.medium"],
      scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 },
    }),
    resource(T.instance, "bastion", {
      associatePublicIpAddress: false,
      rootBlockDevice: { encrypted: true },
      subnetId: id("app-a"),
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
    }),
    resource(T.volume, "scratch", { encrypted: true, availabilityZone: "us-east-1a" }),
    resource(T.detector, "guardduty", { enable: true }),
    ...["EKS_AUDIT_LOGS", "S3_DATA_EVENTS", "RDS_LOGIN_EVENTS"].map((f) => resource(T.feature, `guardduty-${f.toLowerCase()}`, { detectorId: id("guardduty"), name: f, status: "ENABLED" })),
    resource(T.hub, "securityhub", {}),
    ...[
      "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/1.4.0",
      "arn:aws:securityhub:us-east-1::standards/pci-dss/v/3.2.1",
      "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
    ].map((standardsArn, i) => resource(T.standard, `standard-${i}`, { standardsArn })),
    resource(T.role, "app-role", { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }) }),
    resource(T.oidc, "cluster-oidc", { url: `https://${ISSUER}`, clientIdLists: ["sts.amazonaws.com"] }),
    resource(T.role, "api-irsa", {
      assumeRolePolicy: doc({
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com", [`${ISSUER}:sub`]: "system:serviceaccount:shop:api" } },
      }),
    }),
    resource(T.rolePolicy, "app-role-policy", { role: id("app-role"), policy: doc({ Effect: "Allow", Action: ["s3:GetObject"], Resource: [arn(T.bucket, "logs")] }) }),
    resource(T.role, "api-irsa", {
      assumeRolePolicy: doc({
        Effect: "Allow",
        Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub": "system:serviceaccount:shop:api", "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:aud": "sts.amazonaws.com" } },
      }),
    }),
    resource(T.iamPolicy, "api-irsa-data", {
      policy: doc(
        { Sid: "ConnectAsItsDatabaseUser", Effect: "Allow", Action: "rds-db:connect", Resource: "arn:aws:rds-db:us-east-1:123456789012:dbuser:db-ABCDEFGHIJKL/api_app" },
        { Sid: "ReadItsSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: [arn(T.secret, "api-secret")] },
      ),
    }),
    resource(T.attachment, "api-irsa-data-attach", { role: id("api-irsa"), policyArn: arn(T.iamPolicy, "api-irsa-data") }),
    resource(T.iamPolicy, "read-secrets", { policy: doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: arn(T.secret, "api-secret") }) }),
  ]);
}
