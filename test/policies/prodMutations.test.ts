import { beforeAll, describe, expect, it } from "vitest";
import { PACKS } from "../../policies/packs";
import { packConfigPath, readPackConfig, reconcile } from "../../tools/runner/config";
import { runPolicies } from "../../tools/runner/engine";
import { offlineStackTags } from "../../tools/runner";
import type { PlanDocument, PlanResource } from "../../tools/plan/types";
import { clonePlan, loadPlan } from "../support/plans";

/** One protected field broken in a copy of the prod plan. */
interface PlanMutation {
  /** The resource to break; `undefined` when the plan has none, which skips the case. */
  readonly target: (doc: PlanDocument) => PlanResource | undefined;
  readonly mutate: (r: PlanResource, doc: PlanDocument) => void;
  /** The resource the violation must name. @default - the target */
  readonly at?: (r: PlanResource, doc: PlanDocument) => PlanResource | undefined;
}

const idOf = (r: PlanResource) => `${r.name}-id`;
const ofType = (doc: PlanDocument, type: string, pick: (r: PlanResource) => boolean = () => true) => doc.resources.find((r) => r.type === type && pick(r));
const first = (type: string, pick?: (r: PlanResource) => boolean) => (doc: PlanDocument) => ofType(doc, type, pick);
const get = (o: unknown, path: string): any => path.split(".").reduce((n: any, k) => n?.[k], o);
function setPath(o: Record<string, any>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = o;
  for (const k of keys.slice(0, -1)) node = node[k] ??= /^\d+$/.test(k) ? [] : {};
  if (value === undefined) delete node[keys[keys.length - 1]];
  else node[keys[keys.length - 1]] = value;
}
/** Sets one input on the first resource of a type. */
const set = (type: string, path: string, value: unknown, pick?: (r: PlanResource) => boolean): PlanMutation => ({ target: first(type, pick), mutate: (r) => setPath(r.inputs, path, value) });
/** The resource another one's input names by mock ID or ARN. */
const referenced = (doc: PlanDocument, value: unknown, type: string) =>
  doc.resources.find((r) => r.type === type && (value === idOf(r) || value === r.name || value === r.inputs.bucket || value === r.inputs.name || (typeof value === "string" && value.endsWith(`/${r.name}`))));
const bucketOf = (r: PlanResource, doc: PlanDocument) => referenced(doc, r.inputs.bucket, "aws:s3/bucket:Bucket");
const removeResource = (r: PlanResource, doc: PlanDocument) => void (doc as { resources: PlanResource[] }).resources.splice(doc.resources.indexOf(r), 1);
const inNamespace = (ns: string) => (r: PlanResource) => get(r.inputs, "metadata.namespace") === ns;
const appNamespace = (doc: PlanDocument) => ofType(doc, "kubernetes:apps/v1:Deployment")?.inputs && get(ofType(doc, "kubernetes:apps/v1:Deployment")!.inputs, "metadata.namespace");
const namespaceNamed = (doc: PlanDocument, name: string) => ofType(doc, "kubernetes:core/v1:Namespace", (n) => get(n.inputs, "metadata.name") === name);
const POD = "spec.template.spec";
const deployment = (path: string, value: unknown) => set("kubernetes:apps/v1:Deployment", path, value);
const PUBLIC_STATEMENT = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Anyone", Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] });
const T = {
  route: "aws:ec2/route:Route",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  db: "aws:rds/instance:Instance",
  redis: "aws:elasticache/replicationGroup:ReplicationGroup",
  msk: "aws:msk/cluster:Cluster",
  eks: "aws:eks/cluster:Cluster",
  ng: "aws:eks/nodeGroup:NodeGroup",
  lt: "aws:ec2/launchTemplate:LaunchTemplate",
  key: "aws:kms/key:Key",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  acl: "aws:wafv2/webAcl:WebAcl",
  trail: "aws:cloudtrail/trail:Trail",
} as const;
const httpsListener = (r: PlanResource) => r.inputs.protocol === "HTTPS";

/** Per mandatory policy, how to break it in the prod plan. Every policy has an entry. */
const MUTATIONS: Record<string, PlanMutation> = {
  "aws-ec2-routetable-egress-via-nat": {
    target: first(T.route, (r) => r.inputs.natGatewayId !== undefined),
    mutate: (r, doc) => {
      delete r.inputs.natGatewayId;
      r.inputs.gatewayId = idOf(ofType(doc, "aws:ec2/internetGateway:InternetGateway")!);
    },
  },
  "aws-ec2-subnet-no-public-ip-on-launch": set("aws:ec2/subnet:Subnet", "mapPublicIpOnLaunch", true, (r) => r.inputs.mapPublicIpOnLaunch === false),
  "aws-ec2-vpc-flow-logs-all": { target: first("aws:ec2/flowLog:FlowLog"), mutate: (r) => (r.inputs.trafficType = "REJECT"), at: (_r, doc) => ofType(doc, "aws:ec2/vpc:Vpc") },
  "aws-ec2-defaultsecuritygroup-no-rules": set("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "ingress", [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }]),
  "aws-ec2-securitygroup-no-public-ingress": {
    target: first(T.ingress),
    mutate: (r) => Object.assign(r.inputs, { cidrIpv4: "0.0.0.0/0", referencedSecurityGroupId: undefined, fromPort: 22, toPort: 22, ipProtocol: "tcp" }),
  },
  "aws-ec2-securitygroup-descriptions": set(T.sg, "description", undefined),
  "aws-ec2-securitygroup-no-mixed-rules": {
    target: (doc) => ofType(doc, T.sg, (sg) => doc.resources.some((r) => r.type === T.ingress && r.inputs.securityGroupId === idOf(sg))),
    mutate: (r) => (r.inputs.ingress = [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"], description: "inline" }]),
  },
  "aws-ec2-instance-no-public-ip": set(T.lt, "networkInterfaces", [{ associatePublicIpAddress: "true", deviceIndex: 0 }]),
  "aws-ec2-volume-encrypted": set(T.lt, "blockDeviceMappings.0.ebs.encrypted", "false"),
  "aws-ec2-natgateway-per-az": {
    target: first(T.route, (r) => r.inputs.natGatewayId !== undefined),
    mutate: (r, doc) => (r.inputs.natGatewayId = idOf(ofType(doc, "aws:ec2/natGateway:NatGateway", (n) => idOf(n) !== r.inputs.natGatewayId)!)),
  },
  "aws-lb-listener-tls-policy": set(T.listener, "sslPolicy", "ELBSecurityPolicy-2016-08", httpsListener),
  "aws-lb-listener-http-redirects-to-https": set(T.listener, "defaultActions", [{ type: "forward", targetGroupArn: "tg" }], (r) => r.inputs.protocol === "HTTP"),
  "aws-lb-listener-acm-certificate": set(T.listener, "certificateArn", "arn:aws:iam::123456789012:server-certificate/x", httpsListener),
  "aws-lb-loadbalancer-drop-invalid-headers": set(T.lb, "dropInvalidHeaderFields", false),
  "aws-lb-loadbalancer-desync-mitigation": set(T.lb, "desyncMitigationMode", "monitor"),
  "aws-lb-loadbalancer-access-logs": set(T.lb, "accessLogs", undefined),
  "aws-lb-loadbalancer-deletion-protection": set(T.lb, "enableDeletionProtection", false),
  "aws-wafv2-webaclassociation-internet-facing-alb": {
    target: first("aws:wafv2/webAclAssociation:WebAclAssociation"),
    mutate: removeResource,
    at: (r, doc) => referenced(doc, r.inputs.resourceArn, T.lb),
  },
  "aws-wafv2-webacl-rules-and-metrics": set(T.acl, "visibilityConfig.cloudwatchMetricsEnabled", false),
  "aws-wafv2-webacl-known-bad-inputs": set(T.acl, "rules", []),
  "aws-wafv2-webacl-rate-limit": set(T.acl, "rules", []),
  "aws-wafv2-webacl-logging": { target: first("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"), mutate: removeResource, at: (r, doc) => referenced(doc, r.inputs.resourceArn, T.acl) },
  "aws-rds-instance-storage-encrypted": set(T.db, "storageEncrypted", false),
  "aws-rds-instance-dedicated-kms-key": {
    target: (doc) => doc.resources.filter((r) => r.type === T.db)[1],
    mutate: (r, doc) => (r.inputs.kmsKeyId = ofType(doc, T.db)!.inputs.kmsKeyId),
  },
  "aws-rds-instance-performance-insights-kms": set(T.db, "performanceInsightsKmsKeyId", undefined, (r) => r.inputs.performanceInsightsEnabled === true),
  "aws-rds-instance-not-public": set(T.db, "publiclyAccessible", true),
  "aws-rds-instance-multi-az": set(T.db, "multiAz", false),
  "aws-rds-instance-deletion-protection": set(T.db, "deletionProtection", false),
  "aws-rds-instance-final-snapshot": set(T.db, "skipFinalSnapshot", true),
  "aws-rds-instance-backup-retention": set(T.db, "backupRetentionPeriod", 0),
  "aws-rds-instance-iam-auth": set(T.db, "iamDatabaseAuthenticationEnabled", false),
  "aws-rds-instance-log-exports": set(T.db, "enabledCloudwatchLogsExports", []),
  "aws-rds-instance-auto-minor-upgrade": set(T.db, "autoMinorVersionUpgrade", false),
  "aws-rds-instance-enhanced-monitoring": set(T.db, "monitoringInterval", 0),
  "aws-rds-instance-managed-master-password": set(T.db, "manageMasterUserPassword", false),
  "aws-rds-parametergroup-force-tls": {
    target: first("aws:rds/parameterGroup:ParameterGroup"),
    mutate: (r) => (r.inputs.parameters = []),
    at: (r, doc) => ofType(doc, T.db, (db) => [r.name, r.inputs.name, idOf(r)].includes(db.inputs.parameterGroupName)),
  },
  "aws-elasticache-replicationgroup-encrypted": set(T.redis, "transitEncryptionEnabled", false),
  "aws-elasticache-replicationgroup-auth": {
    target: first(T.redis),
    mutate: (r) => {
      delete r.inputs.authToken;
      delete r.inputs.userGroupIds;
    },
  },
  "aws-elasticache-replicationgroup-multi-az": set(T.redis, "automaticFailoverEnabled", false),
  "aws-elasticache-replicationgroup-snapshots": set(T.redis, "snapshotRetentionLimit", 0),
  "aws-msk-cluster-encryption-at-rest-cmk": set(T.msk, "encryptionInfo.encryptionAtRestKmsKeyArn", undefined),
  "aws-msk-cluster-encryption-in-transit": set(T.msk, "encryptionInfo.encryptionInTransit.clientBroker", "TLS_PLAINTEXT"),
  "aws-msk-cluster-authentication": set(T.msk, "clientAuthentication.unauthenticated", true),
  "aws-msk-cluster-no-public-access": set(T.msk, "brokerNodeGroupInfo.connectivityInfo.publicAccess.type", "SERVICE_PROVIDED_EIPS"),
  "aws-msk-cluster-broker-logs": set(T.msk, "loggingInfo", undefined),
  "aws-s3-bucket-sse-kms": { ...set("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm", "AES256"), at: bucketOf },
  "aws-s3-bucket-public-access-block": { ...set("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "blockPublicPolicy", false), at: bucketOf },
  "aws-s3-bucket-owner-enforced": { ...set("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "rule.objectOwnership", "ObjectWriter"), at: bucketOf },
  "aws-s3-bucket-tls-only-policy": { ...set("aws:s3/bucketPolicy:BucketPolicy", "policy", JSON.stringify({ Statement: [] })), at: bucketOf },
  "aws-s3-bucket-versioning": { ...set("aws:s3/bucketVersioning:BucketVersioning", "versioningConfiguration.status", "Suspended"), at: bucketOf },
  "aws-s3-bucket-access-logging": { target: first("aws:s3/bucketLogging:BucketLogging", (l) => l.inputs.bucket !== l.inputs.targetBucket), mutate: removeResource, at: bucketOf },
  "aws-s3-bucket-lifecycle-abort-multipart": { ...set("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "rules", []), at: bucketOf },
  "aws-s3-bucketpolicy-no-public-principal": set("aws:s3/bucketPolicy:BucketPolicy", "policy", PUBLIC_STATEMENT),
  "aws-s3-bucket-object-lock-compliance": { ...set("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "rule.defaultRetention.mode", "GOVERNANCE"), at: bucketOf },
  "aws-s3-bucket-logging-not-self": { target: first("aws:s3/bucketLogging:BucketLogging"), mutate: (r) => (r.inputs.targetBucket = r.inputs.bucket), at: bucketOf },
  "aws-redshift-workgroup-s3-reachable": {
    target: first("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", (r) => r.inputs.referencedSecurityGroupId !== undefined && String(r.name).includes("analytics")),
    mutate: removeResource,
    at: (_r, doc) => ofType(doc, "aws:redshiftserverless/workgroup:Workgroup"),
  },
  "aws-iam-role-irsa-no-rds-master-secret": {
    target: first("aws:iam/policy:Policy", (p) => String(p.inputs.policy).includes("rds-db:connect")),
    mutate: (r) => {
      const doc = JSON.parse(String(r.inputs.policy));
      doc.Statement.push({ Sid: "ReadTheMasterSecret", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0f1e2d3c-AbCdEf" });
      r.inputs.policy = JSON.stringify(doc);
    },
    at: (r, doc) => {
      const attachment = doc.resources.find((a) => a.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" && a.dependencies.includes(r.urn));
      return doc.resources.find((x) => x.type === "aws:iam/role:Role" && attachment?.dependencies.includes(x.urn));
    },
  },
  "aws-efs-filesystem-encrypted": set("aws:efs/fileSystem:FileSystem", "encrypted", false),
  "aws-efs-accesspoint-root-and-posix-user": set("aws:efs/accessPoint:AccessPoint", "rootDirectory.path", "/"),
  "aws-efs-filesystem-tls-only-policy": {
    ...set("aws:efs/fileSystemPolicy:FileSystemPolicy", "policy", JSON.stringify({ Statement: [] })),
    at: (r, doc) => referenced(doc, r.inputs.fileSystemId, "aws:efs/fileSystem:FileSystem"),
  },
  "aws-efs-mounttarget-restricted-ingress": {
    target: (doc) => {
      const groups = doc.resources.filter((r) => r.type === "aws:efs/mountTarget:MountTarget").flatMap((m) => (m.inputs.securityGroups as string[]) ?? []);
      return ofType(doc, T.ingress, (r) => groups.includes(r.inputs.securityGroupId as string));
    },
    mutate: (r) => Object.assign(r.inputs, { cidrIpv4: "10.0.0.0/16", referencedSecurityGroupId: undefined }),
  },
  "aws-secretsmanager-secret-kms": set("aws:secretsmanager/secret:Secret", "kmsKeyId", undefined),
  "aws-secretsmanager-secret-rotation": {
    ...set("aws:secretsmanager/secretRotation:SecretRotation", "rotationRules.automaticallyAfterDays", 365),
    at: (r, doc) => referenced(doc, r.inputs.secretId, "aws:secretsmanager/secret:Secret"),
  },
  "aws-sns-topic-kms": set("aws:sns/topic:Topic", "kmsMasterKeyId", undefined),
  "aws-sqs-queue-kms": set("aws:sqs/queue:Queue", "kmsMasterKeyId", undefined),
  "aws-cloudwatch-loggroup-kms": set("aws:cloudwatch/logGroup:LogGroup", "kmsKeyId", undefined),
  "aws-cloudwatch-loggroup-retention": set("aws:cloudwatch/logGroup:LogGroup", "retentionInDays", 1),
  "aws-cloudwatch-eventbuspolicy-no-public-principal": set("aws:cloudwatch/eventBusPolicy:EventBusPolicy", "policy", PUBLIC_STATEMENT),
  "aws-cloudtrail-trail-kms": set(T.trail, "kmsKeyId", undefined),
  "aws-cloudtrail-trail-multi-region": set(T.trail, "isMultiRegionTrail", false),
  "aws-cloudtrail-trail-log-validation": set(T.trail, "enableLogFileValidation", false),
  "aws-cloudtrail-trail-cloudwatch-logs": set(T.trail, "cloudWatchLogsGroupArn", undefined),
  "aws-redshift-cluster-kms": set("aws:redshiftserverless/namespace:Namespace", "kmsKeyId", undefined),
  "aws-redshift-cluster-not-public": set("aws:redshiftserverless/workgroup:Workgroup", "publiclyAccessible", true),
  "aws-redshift-cluster-enhanced-vpc-routing": set("aws:redshiftserverless/workgroup:Workgroup", "enhancedVpcRouting", false),
  "aws-redshift-cluster-logging": set("aws:redshiftserverless/namespace:Namespace", "logExports", []),
  "aws-kinesis-firehosedeliverystream-cmk": set("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "extendedS3Configuration.kmsKeyArn", undefined),
  "aws-eks-cluster-secrets-encryption": set(T.eks, "encryptionConfig", undefined),
  "aws-eks-cluster-endpoint-access": set(T.eks, "vpcConfig.endpointPublicAccess", true),
  "aws-eks-cluster-control-plane-logs": set(T.eks, "enabledClusterLogTypes", ["api"]),
  "aws-eks-cluster-supported-version": set(T.eks, "version", "1.33"),
  "aws-eks-addon-supported-version": set("aws:eks/addon:Addon", "addonVersion", "v1.33.0-eksbuild.2", (r) => r.inputs.addonName === "kube-proxy"),
  "aws-lambda-function-supported-runtime": set("aws:lambda/function:Function", "runtime", "nodejs20.x"),
  "aws-rds-instance-supported-engine-version": set("aws:rds/instance:Instance", "engineVersion", "8.0", (r) => r.inputs.engine === "mysql"),
  "aws-eks-nodegroup-remote-access": set(T.ng, "remoteAccess", { ec2SshKey: "ops" }),
  "aws-eks-nodegroup-private-subnets": {
    target: first(T.ng),
    mutate: (r, doc) => (r.inputs.subnetIds = [idOf(ofType(doc, "aws:ec2/subnet:Subnet", (s) => s.inputs.mapPublicIpOnLaunch === true)!)]),
  },
  "aws-eks-nodegroup-volumes-encrypted": set(T.ng, "launchTemplate", undefined),
  "aws-eks-nodegroup-capacity": set(T.ng, "scalingConfig.minSize", 1),
  "aws-kms-key-rotation": set(T.key, "enableKeyRotation", false),
  "aws-kms-key-policy-no-public-principal": set(T.key, "policy", PUBLIC_STATEMENT),
  "aws-kms-key-no-bypass-lockout-check": set(T.key, "bypassPolicyLockoutSafetyCheck", true),
  "aws-guardduty-detector-enabled": set("aws:guardduty/detector:Detector", "enable", false),
  "aws-guardduty-detector-features": { target: first("aws:guardduty/detectorFeature:DetectorFeature", (f) => f.inputs.name === "S3_DATA_EVENTS"), mutate: (r) => (r.inputs.status = "DISABLED"), at: (r, doc) => referenced(doc, r.inputs.detectorId, "aws:guardduty/detector:Detector") },
  "aws-securityhub-account-enabled": { target: first("aws:securityhub/account:Account"), mutate: removeResource, at: (_r, doc) => ofType(doc, "aws:guardduty/detector:Detector") ?? ofType(doc, T.trail) },
  "aws-securityhub-account-standards": { target: first("aws:securityhub/standardsSubscription:StandardsSubscription"), mutate: removeResource, at: (_r, doc) => ofType(doc, "aws:securityhub/account:Account") },
  "aws-iam-policy-no-admin-wildcard": set("aws:iam/policy:Policy", "policy", PUBLIC_STATEMENT.replace('"Principal":"*",', "")),
  "aws-iam-role-no-mixed-policies": {
    target: (doc) => ofType(doc, "aws:iam/role:Role", (role) => doc.resources.some((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.inputs.role === idOf(role))),
    mutate: (r, doc) => {
      const attachment: PlanResource = { ...r, type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: `${r.name}-extra`, urn: `${r.urn}-extra-attachment`, inputs: { role: idOf(r), policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }, dependencies: [r.urn] };
      (doc as { resources: PlanResource[] }).resources.push(attachment);
    },
  },
  "pulumi-stack-stateful-protected": { target: first(T.eks), mutate: (r) => void ((r.options as { protect: boolean }).protect = false) },
  "pulumi-stack-outputs-secret": { target: first("pulumi:pulumi:Stack"), mutate: (_r, doc) => setPath(doc.outputs, "debug.dbPassword", "hunter2") },
  "kubernetes-core-pod-no-privilege-escalation": deployment(`${POD}.containers.0.securityContext.allowPrivilegeEscalation`, true),
  "kubernetes-core-pod-run-as-non-root": deployment(`${POD}.containers.0.securityContext.runAsNonRoot`, false),
  "kubernetes-core-pod-run-as-user-non-zero": deployment(`${POD}.containers.0.securityContext.runAsUser`, 0),
  "kubernetes-core-pod-seccomp-profile": deployment(`${POD}.containers.0.securityContext.seccompProfile`, { type: "Unconfined" }),
  "kubernetes-core-pod-capabilities": deployment(`${POD}.containers.0.securityContext.capabilities`, { add: ["SYS_ADMIN"], drop: ["ALL"] }),
  "kubernetes-core-pod-no-privileged": deployment(`${POD}.containers.0.securityContext.privileged`, true),
  "kubernetes-core-pod-no-host-namespaces": deployment(`${POD}.hostNetwork`, true),
  "kubernetes-core-pod-no-host-ports": deployment(`${POD}.containers.0.ports`, [{ containerPort: 8080, hostPort: 8080 }]),
  "kubernetes-core-pod-volume-types": deployment(`${POD}.volumes`, [{ name: "host", hostPath: { path: "/" } }]),
  "kubernetes-core-pod-read-only-root-filesystem": deployment(`${POD}.containers.0.securityContext.readOnlyRootFilesystem`, false),
  "kubernetes-core-pod-resources": deployment(`${POD}.containers.0.resources`, {}),
  "kubernetes-core-pod-probes": deployment(`${POD}.containers.0.readinessProbe`, undefined),
  "kubernetes-core-pod-image-pinned": deployment(`${POD}.containers.0.image`, "nginx:latest"),
  "kubernetes-core-pod-no-automount-token": deployment(`${POD}.automountServiceAccountToken`, true),
  "kubernetes-core-pod-no-default-service-account": deployment(`${POD}.serviceAccountName`, "default"),
  "kubernetes-core-pod-no-literal-secret-env": deployment(`${POD}.containers.0.env`, [{ name: "API_TOKEN", value: "abc123" }]),
  "kubernetes-core-pod-no-bare-pods": {
    target: first("kubernetes:apps/v1:Deployment"),
    mutate: (r, doc) => {
      const pod: PlanResource = { ...r, type: "kubernetes:core/v1:Pod", name: `${r.name}-bare`, urn: `${r.urn}-bare`, inputs: { metadata: get(r.inputs, "metadata"), spec: get(r.inputs, POD) } };
      (doc as { resources: PlanResource[] }).resources.push(pod);
    },
    at: (r, doc) => doc.resources.find((x) => x.name === `${r.name}-bare`),
  },
  "kubernetes-core-service-cluster-ip": { target: (doc) => ofType(doc, "kubernetes:core/v1:Service", inNamespace(appNamespace(doc))), mutate: (r) => setPath(r.inputs, "spec.type", "NodePort") },
  // A collector nothing deploys (the stack's own is otel-collector.observability).
  "kubernetes-core-service-reference-exists": {
    target: first("kubernetes:helm.sh/v3:Release", (r) => r.inputs.chart === "istiod"),
    mutate: (r) => setPath(r.inputs, "values.meshConfig.extensionProviders", [{ name: "otel-tracing", opentelemetry: { service: "jaeger-collector.tracing.svc.cluster.local", port: 4317 } }]),
  },
  "kubernetes-networking-namespace-default-deny": {
    target: (doc) => ofType(doc, "kubernetes:networking.k8s.io/v1:NetworkPolicy", (p) => Object.keys(get(p.inputs, "spec.podSelector.matchLabels") ?? {}).length === 0 && inNamespace(appNamespace(doc))(p)),
    mutate: removeResource,
    at: (r, doc) => namespaceNamed(doc, get(r.inputs, "metadata.namespace")),
  },
  "kubernetes-networking-deployment-allow-policy": deployment("spec.template.metadata.labels", { app: "orphan" }),
  "kubernetes-policy-deployment-pdb": {
    target: first("kubernetes:policy/v1:PodDisruptionBudget"),
    mutate: removeResource,
    at: (r, doc) => ofType(doc, "kubernetes:apps/v1:Deployment", (d) => get(d.inputs, "metadata.namespace") === get(r.inputs, "metadata.namespace")),
  },
  "kubernetes-autoscaling-deployment-hpa": set("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "spec.minReplicas", 1),
  "kubernetes-apps-deployment-replicas-match-hpa": deployment("spec.replicas", 100),
  "kubernetes-apps-deployment-zone-spread": deployment(`${POD}.topologySpreadConstraints`, undefined),
  "kubernetes-istio-peerauthentication-mesh-strict": set("kubernetes:security.istio.io/v1:PeerAuthentication", "spec.mtls.mode", "PERMISSIVE"),
  "kubernetes-istio-peerauthentication-no-permissive": set("kubernetes:security.istio.io/v1:PeerAuthentication", "spec.mtls.mode", "PERMISSIVE"),
  "kubernetes-istio-destinationrule-tls-not-disabled": set("kubernetes:networking.istio.io/v1:DestinationRule", "spec.trafficPolicy.tls", { mode: "DISABLE" }),
  "kubernetes-istio-namespace-sidecar-injection": { target: (doc) => namespaceNamed(doc, appNamespace(doc)), mutate: (r) => setPath(r.inputs, "metadata.labels", {}) },
  "kubernetes-istio-pod-injection-not-disabled": deployment("spec.template.metadata.annotations", { "sidecar.istio.io/inject": "false" }),
  "kubernetes-helm-release-istio-supported-version": set("kubernetes:helm.sh/v3:Release", "version", "1.27.3", (r) => r.inputs.chart === "istiod"),
  "kubernetes-storage-storageclass-ebs-encrypted": set("kubernetes:storage.k8s.io/v1:StorageClass", "parameters.encrypted", "false"),
  "kubernetes-helm-release-grafana-admin-secret": set("kubernetes:helm.sh/v3:Release", "values.grafana.admin.existingSecret", undefined, (r) => r.inputs.chart === "kube-prometheus-stack"),
  "kubernetes-istio-mesh-registry-only": set("kubernetes:helm.sh/v3:Release", "values.meshConfig.outboundTrafficPolicy.mode", "ALLOW_ANY", (r) => r.inputs.chart === "istiod"),
  "kubernetes-istio-serviceentry-explicit-hosts": set("kubernetes:networking.istio.io/v1:ServiceEntry", "spec.hosts", ["*"]),
  "kubernetes-istio-irsa-aws-apis-reachable": {
    target: first("kubernetes:networking.istio.io/v1:ServiceEntry", (r) => get(r.inputs, "metadata.name") === "data-kms"),
    mutate: removeResource,
    at: (r, doc) => ofType(doc, "aws:iam/role:Role", (x) => String(x.inputs.assumeRolePolicy).includes(`system:serviceaccount:${get(r.inputs, "metadata.namespace")}:`)),
  },
  "kubernetes-istio-namespace-sidecar-egress": set("kubernetes:networking.istio.io/v1:Sidecar", "spec.egress", [{ hosts: ["*/*"] }]),
  "kubernetes-istio-authorizationpolicy-default-deny": {
    target: (doc) => ofType(doc, "kubernetes:security.istio.io/v1:AuthorizationPolicy", (p) => Object.keys((p.inputs.spec as object) ?? {}).length === 0 && inNamespace(appNamespace(doc))(p)),
    mutate: removeResource,
    at: (r, doc) => namespaceNamed(doc, get(r.inputs, "metadata.namespace")),
  },
  "kubernetes-istio-authorizationpolicy-positive-match": set("kubernetes:security.istio.io/v1:AuthorizationPolicy", "spec.rules.0.from.0.source", { notNamespaces: ["kube-system"] }, (p) => get(p.inputs, "spec.action") === "ALLOW"),
  "kubernetes-istio-gateway-no-wildcard-host": set("kubernetes:networking.istio.io/v1:Gateway", "spec.servers.0.hosts", ["*"]),
  "kubernetes-istio-gateway-tls": set("kubernetes:networking.istio.io/v1:Gateway", "spec.servers.0.tls", { mode: "PASSTHROUGH" }, (g) => get(g.inputs, "spec.servers.0.port.number") === 443),
  "kubernetes-istio-gateway-jwt-authentication": {
    target: first("kubernetes:networking.istio.io/v1:Gateway"),
    mutate: (_r, doc) => doc.resources.filter((r) => r.type.endsWith(":RequestAuthentication")).forEach((r) => removeResource(r, doc)),
  },
  "kubernetes-istio-gateway-require-request-principal": {
    target: first("kubernetes:networking.istio.io/v1:Gateway"),
    mutate: (_r, doc) => doc.resources.filter((r) => r.type.endsWith(":AuthorizationPolicy") && get(r.inputs, "spec.selector") !== undefined && inNamespace("istio-ingress")(r)).forEach((r) => removeResource(r, doc)),
  },
  "aws-sqs-queuepolicy-no-public-principal": set("aws:sqs/queuePolicy:QueuePolicy", "policy", PUBLIC_STATEMENT),
  "aws-sns-topicpolicy-no-public-principal": set("aws:sns/topic:Topic", "policy", PUBLIC_STATEMENT),
  "aws-lambda-permission-no-public-principal": {
    target: first("aws:lambda/permission:Permission"),
    mutate: (r) => Object.assign(r.inputs, { principal: "*", sourceArn: undefined, sourceAccount: undefined }),
  },
  "aws-secretsmanager-secretpolicy-no-public-principal": set("aws:secretsmanager/secret:Secret", "policy", PUBLIC_STATEMENT),
  "aws-msk-clusterpolicy-no-public-principal": set("aws:msk/clusterPolicy:ClusterPolicy", "policy", PUBLIC_STATEMENT),
  "aws-iam-role-web-identity-trust-scoped": {
    target: first("aws:iam/role:Role", (r) => String(r.inputs.assumeRolePolicy).includes("AssumeRoleWithWebIdentity")),
    mutate: (r) => (r.inputs.assumeRolePolicy = String(r.inputs.assumeRolePolicy).replace(/system:serviceaccount:[^"]+/, "system:serviceaccount:*")),
  },
  "aws-ec2-instance-imdsv2-hop-limit": set(T.lt, "metadataOptions.httpPutResponseHopLimit", 2),
  "kubernetes-istio-authorizationpolicy-allow-rules-scoped": set("kubernetes:security.istio.io/v1:AuthorizationPolicy", "spec.rules", [{}], (p) => get(p.inputs, "spec.action") === "ALLOW"),
  "kubernetes-networking-networkpolicy-no-world-cidr": {
    target: first("kubernetes:networking.k8s.io/v1:NetworkPolicy", (p) => (get(p.inputs, "spec.egress") ?? []).length > 0),
    mutate: (r) => (get(r.inputs, "spec.egress") as unknown[]).push({ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }),
  },
  "kubernetes-istio-gateway-rate-limit": {
    target: first("kubernetes:networking.istio.io/v1:Gateway"),
    mutate: (_r, doc) => doc.resources.filter((r) => r.type.endsWith(":EnvoyFilter")).forEach((r) => removeResource(r, doc)),
  },
  // The memory alarm switched to the CPU-over-limit metric: the pods have no CPU limit, so the agent never emits it.
  "aws-cloudwatch-metricalarm-metric-produced": set("aws:cloudwatch/metricAlarm:MetricAlarm", "metricName", "pod_cpu_utilization_over_pod_limit", (r) => r.inputs.metricName === "pod_memory_utilization_over_pod_limit"),
};

const POLICIES = PACKS.flatMap((pack) => pack.policies.map((policy) => ({ pack, policy })));
const covered: string[] = [];

describe("mutations of the recorded prod plan: one protected field at a time", () => {
  const prod = loadPlan("prod");
  const config = readPackConfig(packConfigPath("prod"));
  let baseline: { policy: string; urn: string | null; enforcementLevel: string }[] = [];

  async function run(doc: PlanDocument, name: string) {
    const { pack, policy } = POLICIES.find((p) => p.policy.name === name)!;
    const settings = reconcile(pack, config);
    const result = await runPolicies([policy], doc.resources, { packName: pack.name, packVersion: "test", settings, stackTags: offlineStackTags(doc.resources), outputs: doc.outputs });
    return result.violations;
  }

  beforeAll(async () => {
    for (const { policy } of POLICIES) baseline.push(...(await run(prod, policy.name)));
    baseline = baseline.filter((v) => v.enforcementLevel === "mandatory");
  });

  it("has a mutation for every policy, all mandatory in prod", () => {
    expect(Object.keys(MUTATIONS).sort()).toEqual(POLICIES.map((p) => p.policy.name).sort());
    for (const { pack, policy } of POLICIES) expect(reconcile(pack, config).get(policy.name)!.enforcementLevel).toBe("mandatory");
  });

  for (const [name, m] of Object.entries(MUTATIONS)) {
    const target = m.target(prod);
    it.skipIf(target === undefined)(`${name}: breaking ${target?.name ?? "(no target in the plan)"} is a mandatory violation naming it`, async () => {
      const doc = clonePlan(prod);
      const r = doc.resources.find((x) => x.urn === target!.urn)!;
      m.mutate(r, doc);
      const at = (m.at ?? ((x) => x))(r, doc);
      expect(at, "the resource the violation must name").toBeDefined();
      const violations = await run(doc, name);
      expect(violations.filter((v) => v.urn === at!.urn).map((v) => [v.policy, v.enforcementLevel])).toContainEqual([name, "mandatory"]);
      expect(baseline.filter((v) => v.policy === name && v.urn === at!.urn), "the unmutated plan already violates it").toEqual([]);
      covered.push(name);
    });
  }

  it("covers a non-trivial set of policies with resources in the plan", () => {
    console.log(`prod mutations cover ${covered.length} of ${POLICIES.length} policies; skipped (no target in the plan): ${POLICIES.map((p) => p.policy.name).filter((n) => !covered.includes(n)).join(", ")}`);
    expect(covered.length).toBeGreaterThanOrEqual(60);
    for (const must of ["aws-ec2-routetable-egress-via-nat", "aws-cloudwatch-loggroup-kms", "aws-rds-instance-storage-encrypted", "kubernetes-istio-peerauthentication-no-permissive"]) expect(covered).toContain(must);
    // The public edge gives every ALB and WAF policy a target in the prod plan.
    for (const must of POLICIES.map((p) => p.policy.name).filter((n) => /^aws-(lb|wafv2)-/.test(n))) expect(covered).toContain(must);
    // The alarm topic and the account baseline (prod creates it) give every CloudTrail, GuardDuty, Security Hub and SNS policy a target.
    const baseline = POLICIES.map((p) => p.policy.name).filter((n) => /^aws-(cloudtrail|guardduty|securityhub|sns)-/.test(n));
    expect(baseline).toHaveLength(10);
    for (const must of baseline) expect(covered).toContain(must);
  });
});
