import { Mutation, arn, id, resource } from "../fixtures";
import { STATEFUL_TYPES } from "../../../policies/lib/stateful";
import { AWS_TYPES as T, ISSUER } from "../worlds/aws";

const policyDoc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const COND = " with no condition restricting the caller (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce...).";
const FEDERATED = { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` };
/** A web-identity trust policy for the fixture issuer with the given StringEquals and extra conditions. */
const trust = (condition: Record<string, Record<string, unknown>>) => policyDoc({ Effect: "Allow", Principal: FEDERATED, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition });

/** A Deployment of `replicas` pods with one container requesting `cpu` and `memory`. */
function capacityDeployment(name: string, namespace: string, replicas: number, cpu: string, memory: string, kind = "Deployment") {
  return resource(`kubernetes:apps/v1:${kind}`, name, {
    metadata: { name, namespace },
    spec: { replicas, template: { metadata: {}, spec: { containers: [{ name, image: "repo/app:1.0.0", resources: { requests: { cpu, memory } } }] } } },
  });
}

/** The violation of an alarm whose cluster runs no Container Insights. */
const NO_PRODUCER = (cluster: string) =>
  `MetricAlarm 'nodes-cpu': its ContainerInsights metrics of cluster ${cluster} have no producer: no amazon-cloudwatch-observability add-on with Container Insights on runs on that cluster in the plan.`;

/** A Container Insights alarm on the pods of the Deployment `shop/api`. */
function podAlarm(name: string, metricName: string) {
  return resource(T.alarm, name, {
    namespace: "ContainerInsights",
    metricName,
    dimensions: { ClusterName: "platform-test", Namespace: "shop", PodName: "api" },
    statistic: "Average",
    period: 60,
    evaluationPeriods: 5,
    threshold: 80,
    comparisonOperator: "GreaterThanThreshold",
  });
}

/** Per AWS policy, the changes to the compliant world that must violate it, one field at a time. */
export const AWS_CASES: Record<string, readonly Mutation[]> = {
  "aws-ec2-routetable-egress-via-nat": [
    {
      name: "an application route table sends 0.0.0.0/0 to the internet gateway",
      apply: (w) => w.set("app-default", "natGatewayId", undefined).set("app-default", "gatewayId", id("igw")),
      expect: ["app-default: RouteTable 'app-rt' (application tier) routes 0.0.0.0/0 to an internet gateway (gatewayId=igw-id); private route tables must never target an internet gateway."],
    },
    {
      name: "a data route table gets a default route to the NAT gateway",
      apply: (w) => w.add(resource(T.route, "data-default", { routeTableId: id("data-rt"), destinationCidrBlock: "0.0.0.0/0", natGatewayId: id("nat-a") })),
      expect: ["data-default: RouteTable 'data-rt' (data tier) has a default route 0.0.0.0/0 (natGatewayId=nat-a-id); data route tables must have no route to the internet."],
    },
    {
      name: "an application default route goes to a VPC peering connection",
      apply: (w) => w.set("app-default", "natGatewayId", undefined).set("app-default", "vpcPeeringConnectionId", "pcx-123"),
      expect: ["app-default: RouteTable 'app-rt' (application tier) sends 0.0.0.0/0 to vpcPeeringConnectionId=pcx-123, not a NAT gateway; default routes of private route tables must target a NAT gateway."],
    },
    {
      name: "an inline IPv6 route of a data route table targets the internet gateway",
      apply: (w) => w.set("data-rt", "routes", [{ ipv6CidrBlock: "::/0", gatewayId: id("igw") }]),
      expect: ["data-rt: RouteTable 'data-rt' (data tier) routes ::/0 to an internet gateway (gatewayId=igw-id); private route tables must never target an internet gateway."],
    },
  ],
  "aws-ec2-subnet-no-public-ip-on-launch": [
    { name: "mapPublicIpOnLaunch on an application subnet", apply: (w) => w.set("app-a", "mapPublicIpOnLaunch", true), expect: ["app-a: Subnet 'app-a' is a application subnet but sets mapPublicIpOnLaunch to true."] },
  ],
  "aws-ec2-vpc-flow-logs-all": [
    { name: "no flow log", apply: (w) => w.remove("flow-log"), expect: ["vpc: Vpc 'vpc' has no flow log."] },
    { name: "rejected traffic only", apply: (w) => w.set("flow-log", "trafficType", "REJECT"), expect: ["vpc: Vpc 'vpc' has flow logs of traffic type REJECT, none of type ALL."] },
  ],
  "aws-ec2-defaultsecuritygroup-no-rules": [
    {
      name: "an ingress rule",
      apply: (w) => w.set("default-sg", "ingress", [{ fromPort: 0, toPort: 0, protocol: "-1", self: true }]),
      expect: ["default-sg: The default security group has 1 ingress rule(s); it must have none."],
    },
    {
      name: "an egress rule",
      apply: (w) => w.set("default-sg", "egress", [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }]),
      expect: ["default-sg: The default security group has 1 egress rule(s); it must have none."],
    },
  ],
  "aws-ec2-securitygroup-no-public-ingress": [
    {
      name: "SSH from anywhere on the app group (inline)",
      apply: (w) => w.set("app-sg", "ingress.1", { fromPort: 22, toPort: 22, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"], description: "SSH" }),
      expect: ["app-sg: SecurityGroup 'app-sg' has an inline rule that admits tcp 22 from 0.0.0.0/0."],
    },
    {
      name: "port 8443 from anywhere on the ALB group",
      apply: (w) => w.set("alb-https", "fromPort", 8443).set("alb-https", "toPort", 8443),
      expect: ["alb-https: SecurityGroupIngressRule 'alb-https' admits tcp 8443 from 0.0.0.0/0 (only ports 80 and 443 may be open on the internet-facing ALB)."],
    },
    {
      name: "HTTPS from anywhere once the ALB is internal",
      apply: (w) => w.set("alb", "internal", true),
      expect: ["alb-https: SecurityGroupIngressRule 'alb-https' admits tcp 443 from 0.0.0.0/0."],
    },
    {
      name: "all traffic from ::/0 through a SecurityGroupRule",
      apply: (w) => w.add(resource(T.sgRule, "efs-open", { type: "ingress", securityGroupId: id("efs-sg"), protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"], description: "x" })),
      expect: ["efs-open: SecurityGroupRule 'efs-open' admits all traffic from ::/0."],
    },
  ],
  "aws-ec2-securitygroup-descriptions": [
    { name: "group without description", apply: (w) => w.set("alb-sg", "description", undefined), expect: ["alb-sg: The security group has no description."] },
    { name: "inline rule without description", apply: (w) => w.set("app-sg", "ingress.0.description", ""), expect: ["app-sg: Inline ingress rule 1 has no description."] },
    { name: "standalone rule without description", apply: (w) => w.set("alb-https", "description", undefined), expect: ["alb-https: The rule has no description."] },
  ],
  "aws-ec2-securitygroup-no-mixed-rules": [
    {
      name: "a standalone rule on a group with inline rules",
      apply: (w) => w.add(resource(T.ingress, "app-extra", { securityGroupId: id("app-sg"), referencedSecurityGroupId: id("alb-sg"), fromPort: 9090, toPort: 9090, ipProtocol: "tcp", description: "metrics" })),
      expect: ["app-sg: SecurityGroup 'app-sg' has inline rules and 1 standalone rule resource(s): app-extra."],
    },
  ],
  "aws-ec2-instance-no-public-ip": [
    { name: "instance with a public IP", apply: (w) => w.set("bastion", "associatePublicIpAddress", true), expect: ["bastion: associatePublicIpAddress is true."] },
    {
      name: "launch template interface with a public IP",
      apply: (w) => w.set("nodes-lt", "networkInterfaces", [{ associatePublicIpAddress: "true" }]),
      expect: ["nodes-lt: networkInterfaces[0].associatePublicIpAddress is true."],
    },
  ],
  "aws-ec2-volume-encrypted": [
    { name: "unencrypted volume", apply: (w) => w.set("scratch", "encrypted", false), expect: ["scratch: The volume is not encrypted (encrypted is not true)."] },
    { name: "instance root device unencrypted", apply: (w) => w.set("bastion", "rootBlockDevice", undefined), expect: ["bastion: rootBlockDevice is not encrypted."] },
    { name: "launch template mapping unencrypted", apply: (w) => w.set("nodes-lt", "blockDeviceMappings.0.ebs.encrypted", "false"), expect: ["nodes-lt: blockDeviceMappings /dev/xvda is not encrypted."] },
  ],
  "aws-ec2-natgateway-per-az": [
    {
      name: "the application subnet's AZ has no NAT gateway of its own",
      apply: (w) => w.set("public-a", "availabilityZone", "us-east-1b"),
      expect: ["app-default: Subnet 'app-a' in us-east-1a leaves through NatGateway 'nat-a' in us-east-1b; each AZ needs its own NAT gateway."],
    },
  ],
  "aws-lb-listener-tls-policy": [
    { name: "TLS 1.0 policy", apply: (w) => w.set("https", "sslPolicy", "ELBSecurityPolicy-2016-08"), expect: ["https: sslPolicy ELBSecurityPolicy-2016-08 allows TLS versions older than 1.2."] },
    { name: "no policy", apply: (w) => w.set("https", "sslPolicy", undefined), expect: ["https: The HTTPS listener has no sslPolicy, so it gets the default policy that still allows TLS 1.0."] },
  ],
  "aws-lb-listener-http-redirects-to-https": [
    {
      name: "HTTP listener forwards",
      apply: (w) => w.set("http", "defaultActions", [{ type: "forward", targetGroupArn: "tg" }]),
      expect: ["http: The HTTP listener has a forward action; its only action must be a redirect to HTTPS."],
    },
    { name: "redirect to HTTP", apply: (w) => w.set("http", "defaultActions.0.redirect.protocol", "HTTP"), expect: ["http: The HTTP listener redirects to protocol HTTP, not HTTPS."] },
  ],
  "aws-lb-listener-acm-certificate": [
    {
      name: "IAM server certificate",
      apply: (w) => w.set("https", "certificateArn", "arn:aws:iam::123456789012:server-certificate/api"),
      expect: ["https: certificateArn arn:aws:iam::123456789012:server-certificate/api is not an ACM certificate."],
    },
    { name: "no certificate", apply: (w) => w.set("https", "certificateArn", undefined), expect: ["https: The HTTPS listener has no certificateArn."] },
  ],
  "aws-lb-loadbalancer-drop-invalid-headers": [{ name: "headers kept", apply: (w) => w.set("alb", "dropInvalidHeaderFields", false), expect: ["alb: dropInvalidHeaderFields is not true."] }],
  "aws-lb-loadbalancer-desync-mitigation": [
    { name: "monitor mode", apply: (w) => w.set("alb", "desyncMitigationMode", "monitor"), expect: ["alb: desyncMitigationMode is monitor; use defensive or strictest."] },
  ],
  "aws-lb-loadbalancer-access-logs": [
    { name: "logs off", apply: (w) => w.set("alb", "accessLogs.enabled", false), expect: ["alb: accessLogs is not enabled."] },
    { name: "no bucket", apply: (w) => w.set("alb", "accessLogs.bucket", undefined), expect: ["alb: accessLogs has no bucket."] },
  ],
  "aws-lb-loadbalancer-deletion-protection": [{ name: "unprotected", apply: (w) => w.set("alb", "enableDeletionProtection", false), expect: ["alb: enableDeletionProtection is not true."] }],
  "aws-wafv2-webaclassociation-internet-facing-alb": [
    { name: "no association", apply: (w) => w.remove("web-acl-alb"), expect: ["alb: LoadBalancer 'alb' is internet-facing and has no WAFv2 web ACL association."] },
  ],
  "aws-wafv2-webacl-rules-and-metrics": [
    { name: "ACL metrics off", apply: (w) => w.set("web-acl", "visibilityConfig.cloudwatchMetricsEnabled", false), expect: ["web-acl: The web ACL's visibilityConfig.cloudwatchMetricsEnabled is not true."] },
    { name: "rule metrics off", apply: (w) => w.set("web-acl", "rules.1.visibilityConfig.cloudwatchMetricsEnabled", false), expect: ["web-acl: Rule 'rate-limit' does not publish CloudWatch metrics."] },
    { name: "no rules", apply: (w) => w.set("web-acl", "rules", []), expect: ["web-acl: The web ACL has no rules."] },
  ],
  "aws-wafv2-webacl-known-bad-inputs": [
    { name: "group removed", apply: (w) => w.set("web-acl", "rules.0", undefined), expect: ["web-acl: The web ACL has no AWSManagedRulesKnownBadInputsRuleSet rule."] },
  ],
  "aws-wafv2-webacl-rate-limit": [
    { name: "rate rule removed", apply: (w) => w.set("web-acl", "rules.1", undefined), expect: ["web-acl: The web ACL has no rate-based rule."] },
    { name: "rate rule counts only", apply: (w) => w.set("web-acl", "rules.1.action", { count: {} }), expect: ["web-acl: The web ACL's rate-based rules only count requests; one must block."] },
  ],
  "aws-wafv2-webacl-logging": [{ name: "no logging", apply: (w) => w.remove("web-acl-logging"), expect: ["web-acl: WebAcl 'web-acl' has no logging configuration."] }],
  "aws-rds-instance-storage-encrypted": [
    { name: "storage unencrypted", apply: (w) => w.set("db", "storageEncrypted", false), expect: ["db: storageEncrypted is not true."] },
    { name: "no CMK", apply: (w) => w.set("db", "kmsKeyId", undefined), expect: ["db: kmsKeyId is not set, so the data is encrypted with an AWS-managed key instead of a customer-managed KMS key."] },
    { name: "AWS-managed key", apply: (w) => w.set("db", "kmsKeyId", "alias/aws/rds"), expect: ["db: kmsKeyId is alias/aws/rds, an AWS-managed key; use a customer-managed KMS key."] },
  ],
  "aws-rds-instance-dedicated-kms-key": [
    {
      name: "two databases share a key",
      apply: (w) => w.add({ ...w.get("db"), name: "db2", urn: w.get("db").urn.replace("::db", "::db2") }),
      expect: ["db: Instance 'db' shares Key 'db-key' with db2.", "db2: Instance 'db2' shares Key 'db-key' with db."],
    },
  ],
  "aws-rds-instance-performance-insights-kms": [
    { name: "PI without a CMK", apply: (w) => w.set("db", "performanceInsightsKmsKeyId", undefined), expect: ["db: performanceInsightsKmsKeyId is not set, so the data is encrypted with an AWS-managed key instead of a customer-managed KMS key."] },
  ],
  "aws-elasticache-replicationgroup-encrypted": [
    { name: "at rest off", apply: (w) => w.set("redis", "atRestEncryptionEnabled", "false"), expect: ["redis: atRestEncryptionEnabled is not true."] },
    { name: "in transit off", apply: (w) => w.set("redis", "transitEncryptionEnabled", false), expect: ["redis: transitEncryptionEnabled is not true."] },
    { name: "no CMK", apply: (w) => w.set("redis", "kmsKeyId", undefined), expect: ["redis: kmsKeyId is not set, so the data is encrypted with an AWS-managed key instead of a customer-managed KMS key."] },
  ],
  "aws-msk-cluster-encryption-at-rest-cmk": [
    {
      name: "AWS-managed key",
      apply: (w) => w.set("kafka", "encryptionInfo.encryptionAtRestKmsKeyArn", undefined),
      expect: ["kafka: encryptionInfo.encryptionAtRestKmsKeyArn is not set, so the data is encrypted with an AWS-managed key instead of a customer-managed KMS key."],
    },
  ],
  "aws-msk-cluster-encryption-in-transit": [
    { name: "plaintext clients", apply: (w) => w.set("kafka", "encryptionInfo.encryptionInTransit.clientBroker", "TLS_PLAINTEXT"), expect: ["kafka: encryptionInTransit.clientBroker is TLS_PLAINTEXT; it must be TLS."] },
    { name: "plaintext in cluster", apply: (w) => w.set("kafka", "encryptionInfo.encryptionInTransit.inCluster", false), expect: ["kafka: encryptionInTransit.inCluster is false."] },
  ],
  "aws-msk-cluster-authentication": [
    { name: "unauthenticated allowed", apply: (w) => w.set("kafka", "clientAuthentication.unauthenticated", true), expect: ["kafka: clientAuthentication.unauthenticated is true."] },
    { name: "no authentication", apply: (w) => w.set("kafka", "clientAuthentication", undefined), expect: ["kafka: No client authentication (IAM, SCRAM or TLS) is configured."] },
  ],
  "aws-msk-cluster-no-public-access": [
    {
      name: "public brokers",
      apply: (w) => w.set("kafka", "brokerNodeGroupInfo.connectivityInfo.publicAccess.type", "SERVICE_PROVIDED_EIPS"),
      expect: ["kafka: brokerNodeGroupInfo.connectivityInfo.publicAccess.type is SERVICE_PROVIDED_EIPS."],
    },
  ],
  "aws-msk-cluster-broker-logs": [{ name: "logs off", apply: (w) => w.set("kafka", "loggingInfo.brokerLogs.cloudwatchLogs.enabled", false), expect: ["kafka: No broker log destination is enabled."] }],
  "aws-s3-bucket-sse-kms": [
    { name: "AES256", apply: (w) => w.set("logs-sse", "rules.0.applyServerSideEncryptionByDefault", { sseAlgorithm: "AES256" }), expect: ["logs: Bucket 'logs' uses sseAlgorithm AES256, not aws:kms."] },
    { name: "no bucket key", apply: (w) => w.set("logs-sse", "rules.0.bucketKeyEnabled", false), expect: ["logs: Bucket 'logs' does not enable the S3 bucket key (bucketKeyEnabled)."] },
    {
      name: "AWS-managed key",
      apply: (w) => w.set("logs-sse", "rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId", "alias/aws/s3"),
      expect: ["logs: Bucket 'logs' encryption: kmsMasterKeyId is alias/aws/s3, an AWS-managed key; use a customer-managed KMS key."],
    },
    { name: "no configuration", apply: (w) => w.remove("logs-sse"), expect: ["logs: Bucket 'logs' has no server-side encryption configuration."] },
    {
      name: "ALB access-log bucket on KMS",
      apply: (w) => w.set("alb-logs-sse", "rules.0.applyServerSideEncryptionByDefault", { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/data-key" }),
      expect: ["alb-logs: Bucket 'alb-logs' receives ALB access logs, which Elastic Load Balancing delivers only to SSE-S3 buckets; it uses sseAlgorithm aws:kms, not AES256."],
    },
    {
      name: "SSE-S3 on a bucket no ALB logs to",
      apply: (w) => w.set("alb", "accessLogs.bucket", "logs-id"),
      expect: ["alb-logs: Bucket 'alb-logs' uses sseAlgorithm AES256, not aws:kms.", "logs: Bucket 'logs' receives ALB access logs, which Elastic Load Balancing delivers only to SSE-S3 buckets; it uses sseAlgorithm aws:kms, not AES256."],
    },
  ],
  "aws-s3-bucket-public-access-block": [
    { name: "policy not blocked", apply: (w) => w.set("logs-pab", "blockPublicPolicy", false), expect: ["logs: Bucket 'logs' has public access block flags off: blockPublicPolicy."] },
    { name: "no block", apply: (w) => w.remove("logs-pab"), expect: ["logs: Bucket 'logs' has no public access block."] },
  ],
  "aws-s3-bucket-owner-enforced": [
    { name: "ACLs allowed", apply: (w) => w.set("logs-ownership", "rule.objectOwnership", "ObjectWriter"), expect: ["logs: Bucket 'logs' has object ownership ObjectWriter, not BucketOwnerEnforced."] },
  ],
  "aws-s3-bucket-tls-only-policy": [
    {
      name: "policy allows plain HTTP",
      apply: (w) => w.set("logs-policy", "policy", JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: "*" }] })),
      expect: ["logs: Bucket 'logs' has a bucket policy that does not deny requests without TLS."],
    },
    { name: "no policy", apply: (w) => w.remove("logs-policy"), expect: ["logs: Bucket 'logs' has no bucket policy."] },
  ],
  "aws-s3-bucket-versioning": [
    { name: "suspended", apply: (w) => w.set("logs-versioning", "versioningConfiguration.status", "Suspended"), expect: ["logs: Bucket 'logs' has versioning status Suspended, not Enabled."] },
  ],
  "aws-s3-bucket-access-logging": [
    {
      // The log bucket is exempt only while it receives another bucket's logs.
      name: "no access logs",
      apply: (w) => {
        w.remove("order-documents-logging");
        w.remove("alb-logs-logging");
      },
      expect: ["alb-logs: Bucket 'alb-logs' has no server access logging.", "logs: Bucket 'logs' has no server access logging.", "order-documents: Bucket 'order-documents' has no server access logging."],
    },
  ],
  "aws-s3-bucket-lifecycle-abort-multipart": [
    { name: "rule disabled", apply: (w) => w.set("logs-lifecycle", "rules.0.status", "Disabled"), expect: ["logs: Bucket 'logs' has no enabled lifecycle rule that aborts incomplete multipart uploads."] },
  ],
  "aws-s3-bucketpolicy-no-public-principal": [
    {
      name: "public read",
      apply: (w) => w.set("logs-policy", "policy", JSON.stringify({ Statement: [{ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }] })),
      expect: ["logs-policy: The bucket policy statement 'PublicRead' allows principal *."],
    },
    {
      name: "public read with a condition (conditions never make * private on a bucket)",
      apply: (w) => w.set("logs-policy", "policy", policyDoc({ Sid: "OrgRead", Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } } })),
      expect: ["logs-policy: The bucket policy statement 'OrgRead' allows principal *."],
    },
    {
      name: "an inline policy on a Bucket",
      apply: (w) => w.set("logs", "policy", policyDoc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" })),
      expect: ["logs: The bucket's inline policy statement 1 allows principal *."],
    },
    {
      name: "an inline policy on a BucketV2",
      apply: (w) => w.add(resource(T.bucketV2, "legacy", { policy: policyDoc({ Sid: "Web", Effect: "Allow", Principal: { AWS: ["*"] }, Action: "s3:GetObject", Resource: "*" }) })),
      expect: ["legacy: The bucket's inline policy statement 'Web' allows principal *."],
    },
  ],
  "aws-s3-bucket-object-lock-compliance": [
    { name: "governance mode", apply: (w) => w.set("order-documents-lock", "rule.defaultRetention.mode", "GOVERNANCE"), expect: ["order-documents: Bucket 'order-documents' has Object Lock mode GOVERNANCE, not COMPLIANCE."] },
    { name: "five years", apply: (w) => w.set("order-documents-lock", "rule.defaultRetention.years", 5), expect: ["order-documents: Bucket 'order-documents' keeps objects 5 years, less than 7 years."] },
    { name: "lock off", apply: (w) => w.set("order-documents", "objectLockEnabled", false), expect: ["order-documents: Bucket 'order-documents' does not enable Object Lock (objectLockEnabled)."] },
    {
      // dev's config accepts GOVERNANCE; its minimum still applies.
      name: "a GOVERNANCE lock shorter than a config's minimum in days",
      config: { modes: ["GOVERNANCE", "COMPLIANCE"], minimumDays: 30 },
      apply: (w) => w.set("order-documents-lock", "rule.defaultRetention", { mode: "GOVERNANCE", days: 7 }),
      expect: ["order-documents: Bucket 'order-documents' keeps objects 7 days, less than 30 days."],
    },
  ],
  "aws-s3-bucket-logging-not-self": [
    {
      name: "the access-log bucket logs into itself",
      apply: (w) => w.add(resource(T.logging, "logs-logging", { bucket: id("logs"), targetBucket: id("logs"), targetPrefix: "self/" })),
      expect: ["logs: Bucket 'logs' sends its server access logs into itself (BucketLogging 'logs-logging'); send them to another bucket."],
    },
  ],
  "aws-redshift-workgroup-s3-reachable": [
    {
      name: "egress to the S3 prefix list only while S3's private DNS points at the interface endpoint",
      apply: (w) => w.set("analytics-to-s3", "referencedSecurityGroupId", undefined).set("analytics-to-s3", "prefixListId", "pl-63a5400a"),
      expect: [
        "analytics-wg: Workgroup 'analytics-wg' uses enhanced VPC routing, but S3's names resolve to interface endpoint 's3-interface' (private DNS for the VPC), but its security groups 'analytics-sg' send no HTTPS to the endpoint's security group or subnets.",
      ],
    },
    {
      name: "the endpoint admits HTTPS from the application subnets only",
      apply: (w) => w.set("endpoints-https", "cidrIpv4", "10.0.0.0/20"),
      expect: ["analytics-wg: Workgroup 'analytics-wg' uses enhanced VPC routing, but interface endpoint 's3-interface' admits no HTTPS from its security groups 'analytics-sg' or its subnets."],
    },
    {
      name: "only a gateway endpoint, and no egress to its prefix list",
      apply: (w) => w.remove("s3-interface"),
      expect: ["analytics-wg: Workgroup 'analytics-wg' uses enhanced VPC routing, but its security groups 'analytics-sg' send no HTTPS to the S3 gateway endpoint's prefix list."],
    },
    {
      name: "no S3 endpoint at all",
      apply: (w) => w.remove("s3-interface").remove("s3-gateway"),
      expect: ["analytics-wg: Workgroup 'analytics-wg' uses enhanced VPC routing, but the stack has no S3 gateway or interface endpoint, so COPY and UNLOAD have no private path to S3."],
    },
  ],
  "aws-iam-role-irsa-no-rds-master-secret": [
    {
      name: "a service role reads its database's RDS-managed master secret",
      apply: (w) => w.set("api-irsa-data", "policy", JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "ReadItsSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: ["arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0f1e2d3c-aaaa-bbbb-cccc-111122223333-AbCdEf"] }] })),
      expect: [
        "api-irsa: Role 'api-irsa' (IRSA for shop/api) may read an RDS-managed master secret: statement 'ReadItsSecrets' of Policy 'api-irsa-data' grants secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0f1e2d3c-aaaa-bbbb-cccc-111122223333-AbCdEf.",
      ],
    },
    {
      name: "an inline policy grants secretsmanager:* on every secret",
      apply: (w) => w.add(resource(T.rolePolicy, "api-irsa-inline", { role: id("api-irsa"), policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "secretsmanager:*", Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:*" }] }) })),
      expect: ["api-irsa: Role 'api-irsa' (IRSA for shop/api) may read an RDS-managed master secret: statement 1 of RolePolicy 'api-irsa-inline' grants secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:*."],
    },
  ],
  "aws-efs-filesystem-encrypted": [
    { name: "unencrypted", apply: (w) => w.set("efs", "encrypted", false), expect: ["efs: encrypted is not true."] },
    { name: "no CMK", apply: (w) => w.set("efs", "kmsKeyId", undefined), expect: ["efs: kmsKeyId is not set, so the data is encrypted with an AWS-managed key instead of a customer-managed KMS key."] },
  ],
  "aws-efs-accesspoint-root-and-posix-user": [
    { name: "root directory /", apply: (w) => w.set("efs-ap", "rootDirectory.path", "/"), expect: ["efs-ap: rootDirectory.path is /; use the service's own directory."] },
    { name: "no POSIX user", apply: (w) => w.set("efs-ap", "posixUser", undefined), expect: ["efs-ap: posixUser is not set."] },
  ],
  "aws-efs-filesystem-tls-only-policy": [
    { name: "no policy", apply: (w) => w.remove("efs-policy"), expect: ["efs: FileSystem 'efs' has no file-system policy."] },
    { name: "policy without the TLS deny", apply: (w) => w.set("efs-policy", "policy", JSON.stringify({ Statement: [] })), expect: ["efs: FileSystem 'efs' has a file-system policy that does not deny access without TLS."] },
  ],
  "aws-efs-mounttarget-restricted-ingress": [
    {
      name: "NFS from the VPC CIDR",
      apply: (w) => w.set("efs-nfs", "referencedSecurityGroupId", undefined).set("efs-nfs", "cidrIpv4", "10.0.0.0/16"),
      expect: ["efs-nfs: SecurityGroupIngressRule 'efs-nfs' (mount-target group efs-sg) admits tcp 2049 from CIDR 10.0.0.0/16; admit only the granted services' security groups."],
    },
    { name: "another port", apply: (w) => w.set("efs-nfs", "fromPort", 22).set("efs-nfs", "toPort", 22), expect: ["efs-nfs: SecurityGroupIngressRule 'efs-nfs' (mount-target group efs-sg) admits tcp 22; only NFS (tcp 2049) is allowed."] },
  ],
  "aws-secretsmanager-secret-kms": [
    { name: "default key", apply: (w) => w.set("api-secret", "kmsKeyId", undefined), expect: ["api-secret: kmsKeyId is not set, so the data is encrypted with an AWS-managed key instead of a customer-managed KMS key."] },
  ],
  "aws-secretsmanager-secret-rotation": [
    { name: "no rotation", apply: (w) => w.remove("api-secret-rotation"), expect: ["api-secret: Secret 'api-secret' has no rotation."] },
    { name: "yearly rotation", apply: (w) => w.set("api-secret-rotation", "rotationRules.automaticallyAfterDays", 365), expect: ["api-secret: Secret 'api-secret' rotates every 365 days; the maximum is 90."] },
  ],
  "aws-sns-topic-kms": [{ name: "AWS-managed key", apply: (w) => w.set("alarms", "kmsMasterKeyId", "alias/aws/sns"), expect: ["alarms: kmsMasterKeyId is alias/aws/sns, an AWS-managed key; use a customer-managed KMS key."] }],
  "aws-sqs-queue-kms": [{ name: "SQS-managed SSE", apply: (w) => w.set("events", "kmsMasterKeyId", undefined), expect: ["events: kmsMasterKeyId is not set, so the data is encrypted with an AWS-managed key instead of a customer-managed KMS key."] }],
  "aws-cloudwatch-loggroup-kms": [
    { name: "no key", apply: (w) => w.set("flow-logs", "kmsKeyId", undefined), expect: ["flow-logs: kmsKeyId is not set, so the data is encrypted with an AWS-managed key instead of a customer-managed KMS key."] },
  ],
  "aws-cloudwatch-loggroup-retention": [
    { name: "kept forever", apply: (w) => w.set("flow-logs", "retentionInDays", undefined), expect: ["flow-logs: retentionInDays is not set, so logs are kept forever."] },
    { name: "30 days with the default minimum", apply: (w) => w.set("flow-logs", "retentionInDays", 30), expect: ["flow-logs: retentionInDays is 30; the minimum is 365."] },
    { name: "7 days with dev's minimum", apply: (w) => w.set("flow-logs", "retentionInDays", 7), config: { minimumDays: 30 }, expect: ["flow-logs: retentionInDays is 7; the minimum is 30."] },
  ],
  "aws-cloudwatch-eventbuspolicy-no-public-principal": [
    {
      name: "anyone may put events",
      apply: (w) => w.set("bus-policy", "policy", JSON.stringify({ Statement: [{ Sid: "Open", Effect: "Allow", Principal: "*", Action: "events:PutEvents", Resource: "*" }] })),
      expect: [`bus-policy: The bus policy statement 'Open' allows principal *${COND}`],
    },
    {
      name: "a condition on events:source does not restrict who",
      apply: (w) => w.set("bus-policy", "policy", policyDoc({ Sid: "Source", Effect: "Allow", Principal: "*", Action: "events:PutEvents", Resource: "*", Condition: { StringEquals: { "events:source": "shop.orders" } } })),
      expect: [`bus-policy: The bus policy statement 'Source' allows principal *${COND}`],
    },
    {
      name: "a wildcard aws:PrincipalOrgID",
      apply: (w) => w.set("bus-policy", "policy", policyDoc({ Sid: "AnyOrg", Effect: "Allow", Principal: "*", Action: "events:PutEvents", Resource: "*", Condition: { StringLike: { "aws:PrincipalOrgID": "*" } } })),
      expect: [`bus-policy: The bus policy statement 'AnyOrg' allows principal *${COND}`],
    },
    {
      name: "an EventPermission to * without its organization condition",
      apply: (w) => w.set("org-puts", "condition", undefined),
      expect: [`org-puts: The event permission statement 'OrgPuts' allows principal *${COND}`],
    },
  ],
  "aws-sqs-queuepolicy-no-public-principal": [
    {
      name: "anyone may send",
      apply: (w) => w.set("events-policy", "policy", policyDoc({ Sid: "Anyone", Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" })),
      expect: [`events-policy: The queue policy statement 'Anyone' allows principal *${COND}`],
    },
    {
      name: "the source ARN condition removed from a * grant",
      apply: (w) => w.set("events-policy", "policy", policyDoc({ Sid: "RuleDelivers", Effect: "Allow", Principal: { AWS: "*" }, Action: "sqs:SendMessage", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } })),
      expect: [`events-policy: The queue policy statement 'RuleDelivers' allows principal *${COND}`],
    },
    {
      name: "an inline policy on the queue",
      apply: (w) => w.set("events", "policy", policyDoc({ Effect: "Allow", Principal: "*", Action: "sqs:*", Resource: "*" })),
      expect: [`events: The queue's inline policy statement 1 allows principal *${COND}`],
    },
  ],
  "aws-sns-topicpolicy-no-public-principal": [
    {
      name: "anyone may publish",
      apply: (w) => w.set("alarms-policy", "policy", policyDoc({ Sid: "Anyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "sns:Publish", Resource: "*" })),
      expect: [`alarms-policy: The topic policy statement 'Anyone' allows principal *${COND}`],
    },
    {
      name: "an inline policy on the topic",
      apply: (w) => w.set("alarms", "policy", policyDoc({ Sid: "Subscribe", Effect: "Allow", Principal: "*", Action: "sns:Subscribe", Resource: "*" })),
      expect: [`alarms: The topic's inline policy statement 'Subscribe' allows principal *${COND}`],
    },
  ],
  "aws-lambda-permission-no-public-principal": [
    {
      name: "principal * with no source",
      apply: (w) => w.set("rotation-invoke", "principal", "*").set("rotation-invoke", "sourceArn", undefined).set("rotation-invoke", "sourceAccount", undefined),
      expect: [`rotation-invoke: The permission statement 'permission' allows principal *${COND}`],
    },
    {
      name: "a service principal with no source",
      apply: (w) => w.set("rotation-invoke", "sourceArn", undefined).set("rotation-invoke", "sourceAccount", undefined),
      expect: ["rotation-invoke: The permission lets every secretsmanager.amazonaws.com resource, in any account, invoke the function: set sourceArn (and sourceAccount)."],
    },
  ],
  "aws-secretsmanager-secretpolicy-no-public-principal": [
    {
      name: "anyone may read the secret",
      apply: (w) => w.set("api-secret-policy", "policy", policyDoc({ Sid: "Anyone", Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" })),
      expect: [`api-secret-policy: The secret policy statement 'Anyone' allows principal *${COND}`],
    },
    {
      name: "public policies no longer blocked",
      apply: (w) => w.set("api-secret-policy", "blockPublicPolicy", false),
      expect: ["api-secret-policy: blockPublicPolicy is false, so Secrets Manager accepts a policy that opens the secret to everyone."],
    },
    {
      name: "an inline policy on the secret",
      apply: (w) => w.set("api-secret", "policy", policyDoc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "secretsmanager:GetSecretValue", Resource: "*" })),
      expect: [`api-secret: The secret's inline policy statement 1 allows principal *${COND}`],
    },
  ],
  "aws-msk-clusterpolicy-no-public-principal": [
    {
      name: "anyone may connect",
      apply: (w) => w.set("kafka-policy", "policy", policyDoc({ Sid: "Anyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "kafka:CreateVpcConnection", Resource: "*" })),
      expect: [`kafka-policy: The cluster policy statement 'Anyone' allows principal *${COND}`],
    },
  ],
  "aws-iam-role-web-identity-trust-scoped": [
    {
      name: "no audience",
      apply: (w) => w.set("api-irsa", "assumeRolePolicy", trust({ StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:shop:api" } })),
      expect: [`api-irsa: statement 1 trusts ${ISSUER} without pinning ${ISSUER}:aud to sts.amazonaws.com with StringEquals (it has none).`],
    },
    {
      name: "another audience",
      apply: (w) => w.set("api-irsa", "assumeRolePolicy", trust({ StringEquals: { [`${ISSUER}:aud`]: "my-app", [`${ISSUER}:sub`]: "system:serviceaccount:shop:api" } })),
      expect: [`api-irsa: statement 1 trusts ${ISSUER} without pinning ${ISSUER}:aud to sts.amazonaws.com with StringEquals (it has ["my-app"]).`],
    },
    {
      name: "no subject: every service account of the cluster",
      apply: (w) => w.set("api-irsa", "assumeRolePolicy", trust({ StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" } })),
      expect: [`api-irsa: statement 1 trusts ${ISSUER} without pinning ${ISSUER}:sub to exact service accounts (system:serviceaccount:<namespace>:<name>) with StringEquals (it has none).`],
    },
    {
      name: "a wildcard subject with StringLike",
      apply: (w) => w.set("api-irsa", "assumeRolePolicy", trust({ StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${ISSUER}:sub`]: "system:serviceaccount:shop:*" } })),
      expect: [
        `api-irsa: statement 1 matches ${ISSUER}:sub with StringLike ["system:serviceaccount:shop:*"], a wildcard any matching token can use.`,
        `api-irsa: statement 1 trusts ${ISSUER} without pinning ${ISSUER}:sub to exact service accounts (system:serviceaccount:<namespace>:<name>) with StringEquals (it has none).`,
      ],
    },
    {
      name: "a wildcard inside StringEquals",
      apply: (w) => w.set("api-irsa", "assumeRolePolicy", trust({ StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com", [`${ISSUER}:sub`]: "system:serviceaccount:*:api" } })),
      expect: [`api-irsa: statement 1 trusts ${ISSUER} without pinning ${ISSUER}:sub to exact service accounts (system:serviceaccount:<namespace>:<name>) with StringEquals (it has ["system:serviceaccount:*:api"]).`],
    },
    {
      name: "a subject that is not a service account",
      apply: (w) => w.set("api-irsa", "assumeRolePolicy", trust({ StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com", [`${ISSUER}:sub`]: "system:serviceaccounts:shop" } })),
      expect: [`api-irsa: statement 1 trusts ${ISSUER} without pinning ${ISSUER}:sub to exact service accounts (system:serviceaccount:<namespace>:<name>) with StringEquals (it has ["system:serviceaccounts:shop"]).`],
    },
  ],
  "aws-ec2-instance-imdsv2-hop-limit": [
    {
      name: "IMDSv1 allowed on the node launch template",
      apply: (w) => w.set("nodes-lt", "metadataOptions.httpTokens", "optional"),
      expect: ["nodes-lt: metadataOptions.httpTokens is optional, so IMDSv1 answers unauthenticated requests; set it to required."],
    },
    {
      name: "hop limit 2 on the node launch template",
      apply: (w) => w.set("nodes-lt", "metadataOptions.httpPutResponseHopLimit", 2),
      expect: ["nodes-lt: metadataOptions.httpPutResponseHopLimit is 2; set it to 1 so pods that do not use host networking cannot reach IMDS and the node role's credentials."],
    },
    {
      name: "no metadata options on an instance",
      apply: (w) => w.set("bastion", "metadataOptions", undefined),
      expect: [
        "bastion: metadataOptions.httpPutResponseHopLimit is unset (the AMI's default, 2 on EKS AMIs); set it to 1 so pods that do not use host networking cannot reach IMDS and the node role's credentials.",
        "bastion: metadataOptions.httpTokens is unset (optional), so IMDSv1 answers unauthenticated requests; set it to required.",
      ],
    },
    {
      name: "a node group on EKS's default launch template",
      apply: (w) => w.set("nodes", "launchTemplate", undefined),
      expect: ["nodes: The node group has no launch template, so its nodes get EKS's default metadata options (hop limit 2: every pod can reach IMDS); give it a launch template with httpTokens required and hop limit 1."],
    },
  ],
  "aws-cloudtrail-trail-kms": [{ name: "no key", apply: (w) => w.set("trail", "kmsKeyId", undefined), expect: ["trail: kmsKeyId is not set, so the data is encrypted with an AWS-managed key instead of a customer-managed KMS key."] }],
  "aws-cloudtrail-trail-multi-region": [
    { name: "single region", apply: (w) => w.set("trail", "isMultiRegionTrail", false), expect: ["trail: isMultiRegionTrail is not true."] },
    { name: "no global events", apply: (w) => w.set("trail", "includeGlobalServiceEvents", false), expect: ["trail: includeGlobalServiceEvents is false."] },
  ],
  "aws-cloudtrail-trail-log-validation": [{ name: "no validation", apply: (w) => w.set("trail", "enableLogFileValidation", false), expect: ["trail: enableLogFileValidation is not true."] }],
  "aws-cloudtrail-trail-cloudwatch-logs": [{ name: "no log group", apply: (w) => w.set("trail", "cloudWatchLogsGroupArn", undefined), expect: ["trail: cloudWatchLogsGroupArn is not set."] }],
  "aws-redshift-cluster-kms": [
    { name: "cluster unencrypted", apply: (w) => w.set("warehouse", "encrypted", "false"), expect: ["warehouse: encrypted is not true."] },
    { name: "namespace without a CMK", apply: (w) => w.set("analytics", "kmsKeyId", undefined), expect: ["analytics: kmsKeyId is not set, so the data is encrypted with an AWS-managed key instead of a customer-managed KMS key."] },
  ],
  "aws-redshift-cluster-not-public": [
    { name: "cluster default", apply: (w) => w.set("warehouse", "publiclyAccessible", undefined), expect: ["warehouse: publiclyAccessible is not explicitly false."] },
    { name: "public workgroup", apply: (w) => w.set("analytics-wg", "publiclyAccessible", true), expect: ["analytics-wg: publiclyAccessible is true."] },
  ],
  "aws-redshift-cluster-enhanced-vpc-routing": [{ name: "workgroup routing", apply: (w) => w.set("analytics-wg", "enhancedVpcRouting", false), expect: ["analytics-wg: enhancedVpcRouting is not true."] }],
  "aws-redshift-cluster-logging": [
    { name: "cluster without logging", apply: (w) => w.remove("warehouse-logging"), expect: ["warehouse: Cluster 'warehouse' has no audit logging."] },
    { name: "namespace exports nothing", apply: (w) => w.set("analytics", "logExports", []), expect: ["analytics: Namespace 'analytics' exports no logs (logExports is empty)."] },
  ],
  "aws-kinesis-firehosedeliverystream-cmk": [
    { name: "AWS-owned key", apply: (w) => w.set("direct-stream", "serverSideEncryption.keyType", "AWS_OWNED_CMK"), expect: ["direct-stream: serverSideEncryption.keyType is AWS_OWNED_CMK, not CUSTOMER_MANAGED_CMK."] },
    { name: "no SSE", apply: (w) => w.set("direct-stream", "serverSideEncryption", undefined), expect: ["direct-stream: serverSideEncryption is not enabled."] },
    {
      name: "MSK-sourced stream without an S3 key",
      apply: (w) => w.set("msk-stream", "extendedS3Configuration.kmsKeyArn", undefined),
      expect: ["msk-stream: extendedS3Configuration.kmsKeyArn is not set, so the data is encrypted with an AWS-managed key instead of a customer-managed KMS key."],
    },
  ],
  "aws-eks-cluster-secrets-encryption": [
    { name: "no envelope encryption", apply: (w) => w.set("cluster", "encryptionConfig", undefined), expect: ["cluster: encryptionConfig does not cover secrets."] },
  ],
  "aws-eks-cluster-endpoint-access": [
    { name: "public endpoint in prod", apply: (w) => w.set("cluster", "vpcConfig.endpointPublicAccess", true), expect: ["cluster: vpcConfig.endpointPublicAccess is not false."] },
    { name: "no private endpoint", apply: (w) => w.set("cluster", "vpcConfig.endpointPrivateAccess", false), expect: ["cluster: vpcConfig.endpointPrivateAccess is not true."] },
    {
      name: "dev: public endpoint open to the world",
      config: { allowRestrictedPublicAccess: true },
      apply: (w) => w.set("cluster", "vpcConfig.endpointPublicAccess", true),
      expect: ["cluster: The public endpoint is open to 0.0.0.0/0; limit vpcConfig.publicAccessCidrs."],
    },
  ],
  "aws-eks-cluster-control-plane-logs": [
    { name: "no audit or scheduler logs", apply: (w) => w.set("cluster", "enabledClusterLogTypes", ["api", "authenticator", "controllerManager"]), expect: ["cluster: enabledClusterLogTypes is missing audit, scheduler."] },
  ],
  "aws-eks-cluster-supported-version": [
    { name: "the old default 1.33", apply: (w) => w.set("cluster", "version", "1.33"), expect: ["cluster: EKS Kubernetes version 1.33 left standard support on 2026-07-29 (calendar as of 2026-12-02); move to a supported release."] },
    { name: "1.32", apply: (w) => w.set("cluster", "version", "1.32"), expect: ["cluster: EKS Kubernetes version 1.32 left standard support on 2026-03-23 (calendar as of 2026-12-02); move to a supported release."] },
    { name: "1.34 on its end date", apply: (w) => w.set("cluster", "version", "1.34"), expect: ["cluster: EKS Kubernetes version 1.34 left standard support on 2026-12-02 (calendar as of 2026-12-02); move to a supported release."] },
    {
      name: "1.35 once the as-of date passes its end",
      config: { asOf: "2027-03-27" },
      apply: () => undefined,
      expect: ["cluster: EKS Kubernetes version 1.35 left standard support on 2027-03-27 (calendar as of 2027-03-27); move to a supported release."],
    },
    { name: "older than the calendar", apply: (w) => w.set("cluster", "version", "1.27"), expect: ["cluster: EKS Kubernetes version 1.27 is older than 1.29, the oldest the support calendar lists, so it is long out of standard support."] },
    { name: "unpinned", apply: (w) => w.set("cluster", "version", undefined), expect: ["cluster: version is not pinned, so the cluster gets whatever version EKS defaults to."] },
  ],
  "aws-eks-addon-supported-version": [
    {
      name: "kube-proxy built for EKS 1.33",
      apply: (w) => w.set("kube-proxy", "addonVersion", "v1.33.0-eksbuild.2"),
      expect: ["kube-proxy: kube-proxy v1.33.0-eksbuild.2 is built for EKS Kubernetes version 1.33 left standard support on 2026-07-29 (calendar as of 2026-12-02); move to a supported release."],
    },
    { name: "an unpinned add-on", apply: (w) => w.set("coredns", "addonVersion", undefined), expect: ["coredns: addon coredns has no addonVersion, so EKS installs its default build for whatever version the cluster runs."] },
    { name: "a version that is not an eksbuild", apply: (w) => w.set("coredns", "addonVersion", "latest"), expect: ["coredns: addon coredns version latest is not an eksbuild version (v<x.y.z>-eksbuild.<n>)."] },
  ],
  "aws-lambda-function-supported-runtime": [
    { name: "the old nodejs20.x", apply: (w) => w.set("rotation-fn", "runtime", "nodejs20.x"), expect: ["rotation-fn: Lambda runtime nodejs 20 left standard support on 2026-04-30 (calendar as of 2026-12-02); move to a supported release."] },
    { name: "python3.11", apply: (w) => w.set("rotation-fn", "runtime", "python3.11"), expect: ["rotation-fn: Lambda runtime python 3.11 left standard support on 2026-06-30 (calendar as of 2026-12-02); move to a supported release."] },
    { name: "provided.al2", apply: (w) => w.set("rotation-fn", "runtime", "provided.al2"), expect: ["rotation-fn: Lambda runtime provided 2 left standard support on 2026-06-30 (calendar as of 2026-12-02); move to a supported release."] },
    { name: "an unknown runtime family", apply: (w) => w.set("rotation-fn", "runtime", "dotnetcore3.1"), expect: ["rotation-fn: runtime dotnetcore3.1 is not a Lambda runtime the support calendar knows (nodejs, python, java, ruby, dotnet, provided.al*)."] },
    { name: "no runtime on a .zip function", apply: (w) => w.set("rotation-fn", "runtime", undefined), expect: ["rotation-fn: runtime is not set on a .zip function."] },
    {
      name: "nodejs22.x once the as-of date passes its deprecation",
      config: { asOf: "2027-05-01" },
      apply: (w) => w.set("rotation-fn", "runtime", "nodejs22.x"),
      expect: ["rotation-fn: Lambda runtime nodejs 22 left standard support on 2027-04-30 (calendar as of 2027-05-01); move to a supported release."],
    },
  ],
  "aws-rds-instance-supported-engine-version": [
    { name: "MySQL 8.0, the old default", apply: (w) => w.set("db", "engine", "mysql").set("db", "engineVersion", "8.0"), expect: ["db: RDS for MySQL major version 8.0 left standard support on 2026-07-31 (calendar as of 2026-12-02); move to a supported release."] },
    { name: "a PostgreSQL 13 minor", apply: (w) => w.set("db", "engineVersion", "13.15"), expect: ["db: RDS for PostgreSQL major version 13.15 left standard support on 2026-02-28 (calendar as of 2026-12-02); move to a supported release."] },
    { name: "an engine the calendar does not know", apply: (w) => w.set("db", "engine", "oracle-ee"), expect: ["db: engine oracle-ee is not in the support calendar (known: postgres, mysql), so its support cannot be checked."] },
    { name: "an unpinned version", apply: (w) => w.set("db", "engineVersion", undefined), expect: ["db: engineVersion is not pinned, so RDS picks the postgres default and may leave standard support unnoticed."] },
    { name: "a MySQL version between listed majors", apply: (w) => w.set("db", "engine", "mysql").set("db", "engineVersion", "8.1"), expect: ["db: RDS for MySQL major version 8.1 is not a release the support calendar knows (known: 5.7, 8.0, 8.4)."] },
  ],
  "aws-eks-nodegroup-remote-access": [
    { name: "SSH from anywhere", apply: (w) => w.set("nodes", "remoteAccess", { ec2SshKey: "ops" }), expect: ["nodes: remoteAccess allows SSH from anywhere (no sourceSecurityGroupIds)."] },
  ],
  "aws-eks-nodegroup-private-subnets": [
    { name: "nodes in a public subnet", apply: (w) => w.set("nodes", "subnetIds", [id("app-a"), id("public-a")]), expect: ["nodes: NodeGroup 'nodes' places nodes in public Subnet 'public-a'."] },
  ],
  "aws-cloudwatch-metricalarm-metric-produced": [
    {
      name: "no CloudWatch Observability add-on",
      apply: (w) => w.remove("container-insights"),
      expect: [`nodes-cpu: ${NO_PRODUCER("platform-test")}`],
    },
    {
      name: "the add-on runs with Container Insights off",
      apply: (w) => w.set("container-insights", "configurationValues", JSON.stringify({ containerInsights: { enabled: false } })),
      expect: [`nodes-cpu: ${NO_PRODUCER("platform-test")}`],
    },
    {
      name: "the alarm names a cluster the add-on does not run on",
      apply: (w) => w.set("nodes-cpu", "dimensions.ClusterName", "platform-other"),
      expect: [`nodes-cpu: ${NO_PRODUCER("platform-other")}`],
    },
    {
      name: "a dimension set the agent does not emit",
      apply: (w) => w.set("nodes-cpu", "dimensions.NodeName", "ip-10-0-0-1.ec2.internal"),
      expect: [
        "nodes-cpu: MetricAlarm 'nodes-cpu': ContainerInsights node_cpu_utilization has dimensions (ClusterName, NodeName); Container Insights emits it with (ClusterName, InstanceId, NodeName) or (ClusterName) only.",
      ],
    },
    {
      name: "a metric Container Insights does not emit",
      apply: (w) => w.set("nodes-cpu", "metricName", "node_cpu_seconds_total"),
      expect: ["nodes-cpu: MetricAlarm 'nodes-cpu': ContainerInsights node_cpu_seconds_total is not a metric Container Insights emits."],
    },
    {
      name: "pods of a workload the plan does not deploy",
      apply: (w) => w.add(podAlarm("api-memory", "pod_memory_utilization_over_pod_limit")),
      expect: ["api-memory: MetricAlarm 'api-memory': ContainerInsights pod_memory_utilization_over_pod_limit watches pods shop/api, but the plan has no Deployment, StatefulSet or DaemonSet of that name there."],
    },
    {
      name: "CPU over the pods' limit when the containers have no CPU limit",
      apply: (w) => w.add(capacityDeployment("api", "shop", 2, "100m", "128Mi")).add(podAlarm("api-cpu", "pod_cpu_utilization_over_pod_limit")),
      expect: ["api-cpu: MetricAlarm 'api-cpu': ContainerInsights pod_cpu_utilization_over_pod_limit exists only for pods whose every container has a cpu limit; container(s) api of Deployment 'shop/api' have none."],
    },
    {
      name: "a target group that is not in the plan",
      apply: (w) => w.set("api-latency", "dimensions.TargetGroup", "targetgroup/other/0123456789abcdef"),
      expect: ["api-latency: MetricAlarm 'api-latency': AWS/ApplicationELB TargetResponseTime has dimension TargetGroup=targetgroup/other/0123456789abcdef, which is the arnSuffix of no target group in the plan."],
    },
    {
      name: "a load balancer that is not in the plan (in a metric query)",
      apply: (w) =>
        w.set("api-latency", "metricQueries", [
          { id: "t", returnData: true, metric: { namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", dimensions: { LoadBalancer: "app/old-alb/0123456789abcdef" }, period: 60, stat: "p95" } },
        ]).set("api-latency", "namespace", undefined).set("api-latency", "metricName", undefined).set("api-latency", "dimensions", undefined),
      expect: ["api-latency: MetricAlarm 'api-latency': AWS/ApplicationELB TargetResponseTime has dimension LoadBalancer=app/old-alb/0123456789abcdef, which is the arnSuffix of no load balancer in the plan."],
    },
  ],
  "aws-eks-nodegroup-capacity": [
    {
      name: "the app's replicas need more CPU than the nodes at minimum size",
      apply: (w) => w.add(capacityDeployment("app", "apps", 8, "500m", "256Mi")),
      expect: ["nodes: The plan requests 6.00 vCPU / 2.95 GiB / 17 pods at minimum size (with one rolling update); 2 x t3.medium allocate 3.86 vCPU / 6.94 GiB / 34 pods: short by 2.14 vCPU."],
    },
    {
      name: "the Istio sidecar tips an injected namespace over",
      apply: (w) =>
        w
          .add(resource("kubernetes:core/v1:Namespace", "apps-ns", { metadata: { name: "apps", labels: { "istio-injection": "enabled" } } }))
          .add(capacityDeployment("app", "apps", 5, "420m", "256Mi")),
      expect: ["nodes: The plan requests 4.64 vCPU / 3.07 GiB / 14 pods at minimum size (with one rolling update); 2 x t3.medium allocate 3.86 vCPU / 6.94 GiB / 34 pods: short by 0.78 vCPU."],
    },
    {
      name: "istiod with Istio's default requests, DaemonSets on every node",
      apply: (w) =>
        w
          .add(resource("kubernetes:helm.sh/v3:Release", "istiod", { chart: "istiod", namespace: "istio-system", values: { pilot: { autoscaleMin: 4 } } }))
          .add(resource("kubernetes:helm.sh/v3:Release", "cni", { chart: "cni", namespace: "istio-system", values: {} }))
          .add(resource("aws:eks/addon:Addon", "coredns", { addonName: "coredns", configurationValues: JSON.stringify({ replicaCount: 2 }) })),
      expect: ["nodes: The plan requests 3.20 vCPU / 8.64 GiB / 13 pods at minimum size (with one rolling update); 2 x t3.medium allocate 3.86 vCPU / 6.94 GiB / 34 pods: short by 1.70 GiB."],
    },
    {
      name: "more pods than the ENIs give IPs for",
      apply: (w) => w.add(capacityDeployment("many", "apps", 35, "10m", "16Mi")),
      expect: ["nodes: The plan requests 1.44 vCPU / 1.14 GiB / 51 pods at minimum size (with one rolling update); 2 x t3.medium allocate 3.86 vCPU / 6.94 GiB / 34 pods: short by 17 pods."],
    },
    {
      name: "a pod larger than one node",
      apply: (w) => w.add(capacityDeployment("big", "apps", 1, "100m", "4Gi", "StatefulSet")),
      expect: ["nodes: A pod of StatefulSet 'apps/big' requests 0.10 vCPU / 4.00 GiB, more than one node allocates next to the DaemonSets (1.58 vCPU / 3.35 GiB)."],
    },
    {
      name: "a chart with no capacity model",
      apply: (w) => w.add(resource("kubernetes:helm.sh/v3:Release", "loki", { chart: "loki", namespace: "monitoring", values: {} })),
      expect: ["loki: Release 'loki': no capacity model for chart loki (add it to policies/lib/capacity.ts)."],
    },
    {
      name: "the CloudWatch Observability add-on with OTel Container Insights, whose extra pods the model does not know",
      apply: (w) => w.set("container-insights", "configurationValues", JSON.stringify({ otelContainerInsights: { enabled: true } })),
      expect: ["container-insights: Addon 'container-insights': no capacity model for EKS add-on amazon-cloudwatch-observability with its configurationValues (add it to policies/lib/capacity.ts)."],
    },
    {
      name: "an add-on with no capacity model",
      apply: (w) => w.add(resource("aws:eks/addon:Addon", "agent", { addonName: "eks-pod-identity-agent" })),
      expect: ["agent: Addon 'agent': no capacity model for EKS add-on eks-pod-identity-agent (add it to policies/lib/capacity.ts)."],
    },
    {
      name: "an instance type with no data",
      apply: (w) => w.set("nodes", "instanceTypes", ["x9z.large"]),
      expect: ["nodes: NodeGroup 'nodes': no capacity data for instance type x9z.large (add it to policies/data/instanceTypes.ts)."],
    },
  ],
  "aws-eks-nodegroup-volumes-encrypted": [
    { name: "no launch template and no default encryption", apply: (w) => w.set("nodes", "launchTemplate", undefined), expect: ["nodes: NodeGroup 'nodes' has no launch template and the stack does not enable EBS encryption by default."] },
  ],
  "aws-kms-key-rotation": [{ name: "rotation off", apply: (w) => w.set("data-key", "enableKeyRotation", false), expect: ["data-key: enableKeyRotation is not true."] }],
  "aws-kms-key-policy-no-public-principal": [
    { name: "no policy", apply: (w) => w.set("data-key", "policy", undefined), expect: ["data-key: The key has no policy, so it gets the default policy instead of one the platform reviews."] },
    {
      name: "wildcard principal",
      apply: (w) => w.set("data-key", "policy", JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }] })),
      expect: ["data-key: The key policy statement 1 allows principal *."],
    },
    {
      name: "wildcard principal in a KeyPolicy resource",
      apply: (w) => w.set("db-key-policy", "policy", JSON.stringify({ Statement: [{ Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } } }] })),
      expect: ["db-key-policy: The key policy statement 'Everyone' allows principal *."],
    },
  ],
  "aws-kms-key-no-bypass-lockout-check": [{ name: "bypass", apply: (w) => w.set("data-key", "bypassPolicyLockoutSafetyCheck", true), expect: ["data-key: bypassPolicyLockoutSafetyCheck is true."] }],
  "aws-rds-instance-not-public": [
    { name: "public", apply: (w) => w.set("db", "publiclyAccessible", true), expect: ["db: publiclyAccessible is true; it must be explicitly false."] },
    { name: "unset", apply: (w) => w.set("db", "publiclyAccessible", undefined), expect: ["db: publiclyAccessible is not set; it must be explicitly false."] },
  ],
  "aws-rds-instance-multi-az": [{ name: "single AZ", apply: (w) => w.set("db", "multiAz", false), expect: ["db: multiAz is not true."] }],
  "pulumi-stack-stateful-protected": [
    {
      name: "the EKS cluster left out of a stack that protects its other stateful resources",
      apply: (w) => {
        for (const r of w.resources()) if (STATEFUL_TYPES.has(r.type) && r.type !== "aws:eks/cluster:Cluster") (w.get(r.name).options as { protect: boolean }).protect = true;
      },
      expect: ["cluster: Cluster 'cluster' holds state but is not protected, while the stack protects its other stateful resources: a pulumi destroy or a replacement would delete it."],
    },
    {
      name: "one protected key: every other stateful resource is reported",
      apply: (w) => {
        const key = w.resources().find((r) => r.type === "aws:kms/key:Key")!;
        (w.get(key.name).options as { protect: boolean }).protect = true;
      },
      expect: [
        ["flow-logs", "LogGroup"],
        ["efs", "FileSystem"],
        ["cluster", "Cluster"],
        ["redis", "ReplicationGroup"],
        ["data-key", "Key"],
        ["db-key", "Key"],
        ["kafka", "Cluster"],
        ["db", "Instance"],
        ["analytics", "Namespace"],
        ["alb-logs", "Bucket"],
        ["logs", "Bucket"],
        ["order-documents", "Bucket"],
        ["api-secret", "Secret"],
        ["events", "Queue"],
      ].map(([name, kind]) => `${name}: ${kind} '${name}' holds state but is not protected, while the stack protects its other stateful resources: a pulumi destroy or a replacement would delete it.`),
    },
  ],
  "aws-rds-instance-deletion-protection": [{ name: "unprotected", apply: (w) => w.set("db", "deletionProtection", false), expect: ["db: deletionProtection is not true."] }],
  "aws-rds-instance-final-snapshot": [
    { name: "skipped", apply: (w) => w.set("db", "skipFinalSnapshot", true), expect: ["db: skipFinalSnapshot is true."] },
    { name: "unnamed", apply: (w) => w.set("db", "finalSnapshotIdentifier", undefined), expect: ["db: finalSnapshotIdentifier is not set."] },
  ],
  "aws-rds-instance-backup-retention": [{ name: "no backups", apply: (w) => w.set("db", "backupRetentionPeriod", 0), expect: ["db: backupRetentionPeriod is 0; it must be greater than 0."] }],
  "aws-rds-instance-iam-auth": [{ name: "password auth only", apply: (w) => w.set("db", "iamDatabaseAuthenticationEnabled", false), expect: ["db: iamDatabaseAuthenticationEnabled is not true."] }],
  "aws-rds-instance-log-exports": [{ name: "no exports", apply: (w) => w.set("db", "enabledCloudwatchLogsExports", []), expect: ["db: enabledCloudwatchLogsExports is empty."] }],
  "aws-rds-instance-auto-minor-upgrade": [{ name: "upgrades off", apply: (w) => w.set("db", "autoMinorVersionUpgrade", false), expect: ["db: autoMinorVersionUpgrade is false."] }],
  "aws-rds-instance-enhanced-monitoring": [
    { name: "monitoring off", apply: (w) => w.set("db", "monitoringInterval", 0), expect: ["db: monitoringInterval is not set."] },
    { name: "no role", apply: (w) => w.set("db", "monitoringRoleArn", undefined), expect: ["db: monitoringRoleArn is not set."] },
  ],
  "aws-rds-instance-managed-master-password": [
    {
      name: "password in the inputs",
      apply: (w) => w.set("db", "manageMasterUserPassword", undefined).set("db", "password", "[secret]"),
      expect: ["db: manageMasterUserPassword is not true.", "db: password is set in the inputs."],
    },
  ],
  "aws-rds-parametergroup-force-tls": [
    { name: "TLS not forced", apply: (w) => w.set("db-params", "parameters.0.value", "0"), expect: ["db: Instance 'db' uses ParameterGroup 'db-params', which does not force TLS."] },
    { name: "default parameter group", apply: (w) => w.set("db", "parameterGroupName", "default.postgres16"), expect: ["db: Instance 'db' does not use a parameter group of the stack, so TLS is not forced."] },
  ],
  "aws-elasticache-replicationgroup-auth": [{ name: "no auth", apply: (w) => w.set("redis", "authToken", undefined), expect: ["redis: Neither authToken nor userGroupIds is set."] }],
  "aws-elasticache-replicationgroup-multi-az": [
    { name: "one node", apply: (w) => w.set("redis", "numCacheClusters", 1), expect: ["redis: The group has 1 node(s); it needs at least 2."] },
    { name: "no failover", apply: (w) => w.set("redis", "automaticFailoverEnabled", false), expect: ["redis: automaticFailoverEnabled is not true."] },
  ],
  "aws-elasticache-replicationgroup-snapshots": [{ name: "no snapshots", apply: (w) => w.set("redis", "snapshotRetentionLimit", 0), expect: ["redis: snapshotRetentionLimit is 0; it must be greater than 0."] }],
  "aws-guardduty-detector-enabled": [{ name: "disabled", apply: (w) => w.set("guardduty", "enable", false), expect: ["guardduty: enable is false."] }],
  "aws-guardduty-detector-features": [
    { name: "no RDS protection", apply: (w) => w.set("guardduty-rds_login_events", "status", "DISABLED"), expect: ["guardduty: Detector 'guardduty' does not enable RDS protection."] },
  ],
  "aws-securityhub-account-enabled": [
    { name: "Security Hub missing", apply: (w) => w.remove("securityhub"), expect: ["trail: The stack deploys GuardDuty or CloudTrail but does not enable Security Hub (no aws.securityhub.Account)."] },
  ],
  "aws-securityhub-account-standards": [{ name: "no PCI DSS", apply: (w) => w.remove("standard-1"), expect: ["securityhub: Security Hub is not subscribed to PCI DSS."] }],
  "aws-iam-policy-no-admin-wildcard": [
    {
      name: "administrator policy",
      apply: (w) => w.set("read-secrets", "policy", JSON.stringify({ Statement: [{ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }] })),
      expect: ["read-secrets: The policy: statement 'Admin' allows action * on resource *."],
    },
    {
      name: "administrator inline policy on a role",
      apply: (w) => w.set("app-role", "inlinePolicies", [{ name: "admin", policy: JSON.stringify({ Statement: { Effect: "Allow", Action: ["*"], Resource: ["*"] } }) }]),
      expect: ["app-role: inline policy 'admin': statement 1 allows action * on resource *."],
    },
  ],
  "aws-iam-role-no-mixed-policies": [
    {
      name: "an attachment next to the inline policy",
      apply: (w) => w.add(resource(T.attachment, "app-role-ssm", { role: id("app-role"), policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" })),
      expect: ["app-role: Role 'app-role' has 1 inline policy(ies) and 1 managed-policy attachment(s)."],
    },
  ],
};

/** Resources the stack-output policy needs: the stack and its outputs. */
export const OUTPUT_CASES: readonly { name: string; outputs: Record<string, unknown>; expect: readonly string[] }[] = [
  { name: "a plaintext password", outputs: { db: { password: "hunter2", secretArn: arn(T.secret, "db") } }, expect: ["platform-test: Stack output db.password carries a credential but is not a secret."] },
  { name: "a plaintext kubeconfig", outputs: { kubeconfig: "apiVersion: v1" }, expect: ["platform-test: Stack output kubeconfig carries a credential but is not a secret."] },
  { name: "a private key under an innocent name", outputs: { ca: { pem: "-----BEGIN RSA PRIVATE KEY-----\nMII..." } }, expect: ["platform-test: Stack output ca.pem holds a private key in plain text."] },
];

