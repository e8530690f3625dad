import { describe, expect, it } from "vitest";
import { PACKS } from "../../policies/packs";

/**
 * Every row of ../shared/spec/policy-catalogue.md and the policies that carry it. The
 * acceptance criterion: `npm run policies` lists at least one policy for every row.
 */
const CATALOGUE: Record<string, readonly string[]> = {
  "Network: [seed] egress only via NAT": ["aws-ec2-routetable-egress-via-nat"],
  "Network: mapPublicIpOnLaunch false on non-public subnets": ["aws-ec2-subnet-no-public-ip-on-launch"],
  "Network: flow log for every VPC, traffic type ALL": ["aws-ec2-vpc-flow-logs-all"],
  "Network: default security group has no rules": ["aws-ec2-defaultsecuritygroup-no-rules"],
  "Network: no ingress from anywhere except the ALB on 80/443": ["aws-ec2-securitygroup-no-public-ingress"],
  "Network: security groups and rules have descriptions": ["aws-ec2-securitygroup-descriptions"],
  "Network: no inline rules mixed with standalone rules": ["aws-ec2-securitygroup-no-mixed-rules"],
  "Network: instances, launch templates and node groups get no public IP": ["aws-ec2-instance-no-public-ip", "aws-eks-nodegroup-private-subnets"],
  "Network (environments): NAT per AZ in prod": ["aws-ec2-natgateway-per-az"],
  "Edge: [seed] TLS terminated at ingress": ["aws-lb-listener-tls-policy", "aws-lb-listener-http-redirects-to-https", "aws-lb-listener-acm-certificate"],
  "Edge: [seed] WAF in front": ["aws-wafv2-webaclassociation-internet-facing-alb"],
  "Edge: web ACL rules, metrics, known-bad-inputs, logging": ["aws-wafv2-webacl-rules-and-metrics", "aws-wafv2-webacl-known-bad-inputs", "aws-wafv2-webacl-logging"],
  "Edge: [seed] rate limiting (WAF and API gateway)": ["aws-wafv2-webacl-rate-limit", "kubernetes-istio-gateway-rate-limit"],
  "Edge: ALB headers, desync, access logs, deletion protection": [
    "aws-lb-loadbalancer-drop-invalid-headers",
    "aws-lb-loadbalancer-desync-mitigation",
    "aws-lb-loadbalancer-access-logs",
    "aws-lb-loadbalancer-deletion-protection",
  ],
  "KMS: RDS": ["aws-rds-instance-storage-encrypted", "aws-rds-instance-dedicated-kms-key"],
  "KMS: Performance Insights": ["aws-rds-instance-performance-insights-kms"],
  "KMS: ElastiCache": ["aws-elasticache-replicationgroup-encrypted"],
  "KMS: MSK": ["aws-msk-cluster-encryption-at-rest-cmk", "aws-msk-cluster-encryption-in-transit"],
  "KMS: S3": ["aws-s3-bucket-sse-kms"],
  "KMS: EFS": ["aws-efs-filesystem-encrypted"],
  "KMS: EBS": ["aws-ec2-volume-encrypted", "aws-eks-nodegroup-volumes-encrypted"],
  "KMS: Secrets Manager": ["aws-secretsmanager-secret-kms"],
  "KMS: SNS": ["aws-sns-topic-kms"],
  "KMS: SQS": ["aws-sqs-queue-kms"],
  "KMS: CloudWatch log groups": ["aws-cloudwatch-loggroup-kms"],
  "KMS: CloudTrail": ["aws-cloudtrail-trail-kms"],
  "KMS: Redshift": ["aws-redshift-cluster-kms"],
  "KMS: Firehose": ["aws-kinesis-firehosedeliverystream-cmk"],
  "KMS: EKS": ["aws-eks-cluster-secrets-encryption"],
  "KMS: keys rotate, no * principal, no lockout bypass": ["aws-kms-key-rotation", "aws-kms-key-policy-no-public-principal", "aws-kms-key-no-bypass-lockout-check"],
  "RDS: [seed] never public": ["aws-rds-instance-not-public"],
  "RDS: Multi-AZ and deletion protection in prod": ["aws-rds-instance-multi-az", "aws-rds-instance-deletion-protection", "aws-rds-instance-final-snapshot"],
  "RDS: backup retention": ["aws-rds-instance-backup-retention"],
  "RDS: [seed] TLS forced and IAM auth": ["aws-rds-parametergroup-force-tls", "aws-rds-instance-iam-auth", "aws-iam-role-irsa-no-rds-master-secret"],
  "RDS: log exports": ["aws-rds-instance-log-exports"],
  "RDS: auto minor upgrade": ["aws-rds-instance-auto-minor-upgrade"],
  "RDS: enhanced monitoring": ["aws-rds-instance-enhanced-monitoring"],
  "RDS: master password managed by Secrets Manager": ["aws-rds-instance-managed-master-password"],
  "ElastiCache: auth token or user group": ["aws-elasticache-replicationgroup-auth"],
  "ElastiCache: Multi-AZ and failover in prod": ["aws-elasticache-replicationgroup-multi-az"],
  "ElastiCache: snapshots retained": ["aws-elasticache-replicationgroup-snapshots"],
  "MSK: authentication, no public access, broker logs": ["aws-msk-cluster-authentication", "aws-msk-cluster-no-public-access", "aws-msk-cluster-broker-logs"],
  "Redshift: not public, enhanced VPC routing, logging": ["aws-redshift-cluster-not-public", "aws-redshift-cluster-enhanced-vpc-routing", "aws-redshift-cluster-logging", "aws-redshift-workgroup-s3-reachable"],
  "S3: public access block": ["aws-s3-bucket-public-access-block"],
  "S3: owner-enforced": ["aws-s3-bucket-owner-enforced"],
  "S3: TLS-only bucket policy": ["aws-s3-bucket-tls-only-policy"],
  "S3: versioning": ["aws-s3-bucket-versioning"],
  "S3: access logging": ["aws-s3-bucket-access-logging", "aws-s3-bucket-logging-not-self"],
  "S3: lifecycle with abort-incomplete-multipart": ["aws-s3-bucket-lifecycle-abort-multipart"],
  "S3: no Allow to *": ["aws-s3-bucketpolicy-no-public-principal"],
  "S3: order documents Object Lock COMPLIANCE >= 7 years": ["aws-s3-bucket-object-lock-compliance"],
  "EFS: access points, TLS-only policy, mount-target SG": ["aws-efs-accesspoint-root-and-posix-user", "aws-efs-filesystem-tls-only-policy", "aws-efs-mounttarget-restricted-ingress"],
  "Secrets: [seed] rotation <= 90 days": ["aws-secretsmanager-secret-rotation"],
  "Secrets: [seed] no literal secret in container env": ["kubernetes-core-pod-no-literal-secret-env"],
  "Secrets: [seed] credentials in outputs only as secrets": ["pulumi-stack-outputs-secret"],
  "Secrets: Grafana's admin from a Kubernetes Secret, anonymous access off": ["kubernetes-helm-release-grafana-admin-secret"],
  "EBS: StorageClasses encrypt with a customer-managed key": ["kubernetes-storage-storageclass-ebs-encrypted"],
  "CloudTrail: multi-region, validation, KMS, CloudWatch": ["aws-cloudtrail-trail-multi-region", "aws-cloudtrail-trail-log-validation", "aws-cloudtrail-trail-kms", "aws-cloudtrail-trail-cloudwatch-logs"],
  "Log groups: retention set": ["aws-cloudwatch-loggroup-retention"],
  "GuardDuty: enabled with features": ["aws-guardduty-detector-enabled", "aws-guardduty-detector-features"],
  "Security Hub: enabled and subscribed to CIS, PCI-DSS, FSBP": ["aws-securityhub-account-enabled", "aws-securityhub-account-standards"],
  "IAM: no * on *, no mixed inline and attachments": ["aws-iam-policy-no-admin-wildcard", "aws-iam-role-no-mixed-policies"],
  "EventBridge: bus policy not open to *": ["aws-cloudwatch-eventbuspolicy-no-public-principal"],
  "EKS: endpoint access": ["aws-eks-cluster-endpoint-access"],
  "EKS: all five control-plane logs": ["aws-eks-cluster-control-plane-logs"],
  "EKS: supported version": ["aws-eks-cluster-supported-version", "aws-eks-addon-supported-version"],
  // Issue 8: the same dated support calendar for the other versioned things a real deploy depends on.
  "Versions: Lambda runtimes, RDS engines and Istio in standard support": [
    "aws-lambda-function-supported-runtime",
    "aws-rds-instance-supported-engine-version",
    "kubernetes-helm-release-istio-supported-version",
  ],
  "EKS: node groups hold every pod's requests at minimum size": ["aws-eks-nodegroup-capacity"],
  "EKS: node group remote access limited": ["aws-eks-nodegroup-remote-access"],
  "Workloads: Pod Security Standards restricted": [
    "kubernetes-core-pod-no-privilege-escalation",
    "kubernetes-core-pod-run-as-non-root",
    "kubernetes-core-pod-run-as-user-non-zero",
    "kubernetes-core-pod-seccomp-profile",
    "kubernetes-core-pod-capabilities",
    "kubernetes-core-pod-no-privileged",
    "kubernetes-core-pod-no-host-namespaces",
    "kubernetes-core-pod-no-host-ports",
    "kubernetes-core-pod-volume-types",
  ],
  "Workloads: readOnlyRootFilesystem": ["kubernetes-core-pod-read-only-root-filesystem"],
  "Workloads: requests and a memory limit": ["kubernetes-core-pod-resources"],
  "Workloads: readiness and liveness probes": ["kubernetes-core-pod-probes"],
  "Workloads: image tagged, never latest": ["kubernetes-core-pod-image-pinned"],
  "Workloads: no automounted token, no default service account": ["kubernetes-core-pod-no-automount-token", "kubernetes-core-pod-no-default-service-account"],
  "Workloads: [seed] network policies isolate services": ["kubernetes-networking-namespace-default-deny", "kubernetes-networking-deployment-allow-policy"],
  "Workloads: HA (PDB, HPA, replicas, zone spread)": [
    "kubernetes-policy-deployment-pdb",
    "kubernetes-autoscaling-deployment-hpa",
    "kubernetes-apps-deployment-replicas-match-hpa",
    "kubernetes-apps-deployment-zone-spread",
  ],
  "Workloads: backend Services are ClusterIP": ["kubernetes-core-service-cluster-ip"],
  "Workloads: no bare Pods": ["kubernetes-core-pod-no-bare-pods"],
  "Istio: [seed] mTLS": ["kubernetes-istio-peerauthentication-mesh-strict", "kubernetes-istio-peerauthentication-no-permissive", "kubernetes-istio-destinationrule-tls-not-disabled"],
  "Istio: [seed] sidecar on every service": ["kubernetes-istio-namespace-sidecar-injection", "kubernetes-istio-pod-injection-not-disabled"],
  "Istio: [seed] egress rules": ["kubernetes-istio-mesh-registry-only", "kubernetes-istio-serviceentry-explicit-hosts", "kubernetes-istio-namespace-sidecar-egress", "kubernetes-istio-irsa-aws-apis-reachable"],
  "Istio: AuthorizationPolicy default deny and positive matches": ["kubernetes-istio-authorizationpolicy-default-deny", "kubernetes-istio-authorizationpolicy-positive-match"],
  "Istio: gateways without * hosts, TLS on 443": ["kubernetes-istio-gateway-no-wildcard-host", "kubernetes-istio-gateway-tls"],
  "Istio: [seed] auth at the gateway": ["kubernetes-istio-gateway-jwt-authentication", "kubernetes-istio-gateway-require-request-principal"],
  // Not a catalogue row: issue 8 (deployable for real), a host the config names must exist.
  "Deployability: every in-cluster host named is a Service of the plan": ["kubernetes-core-service-reference-exists"],
  // Not a catalogue row: issue 10 (shared services), an alarm must watch a metric the plan produces.
  "Deployability: every CloudWatch alarm watches a metric the plan produces": ["aws-cloudwatch-metricalarm-metric-produced"],
  // Beyond the catalogue's rows (issue 11): what a security reviewer would also expect.
  "Depth: resource policies never public (SQS, SNS, Lambda, Secrets Manager, MSK; S3, KMS, EventBridge above)": [
    "aws-sqs-queuepolicy-no-public-principal",
    "aws-sns-topicpolicy-no-public-principal",
    "aws-lambda-permission-no-public-principal",
    "aws-secretsmanager-secretpolicy-no-public-principal",
    "aws-msk-clusterpolicy-no-public-principal",
  ],
  "Depth: IRSA trust pins the audience and the exact service account": ["aws-iam-role-web-identity-trust-scoped"],
  "Depth: IMDSv2 with hop limit 1 on nodes and instances": ["aws-ec2-instance-imdsv2-hop-limit"],
  "Depth: Istio ALLOW rules name sources and operations": ["kubernetes-istio-authorizationpolicy-allow-rules-scoped"],
  "Depth: NetworkPolicy ipBlocks never open the world": ["kubernetes-networking-networkpolicy-no-world-cidr"],
  // platform.md, Environments: stateful resources are `protect`ed in prod; none left out.
  "Depth: a stack that protects its stateful resources protects all of them": ["pulumi-stack-stateful-protected"],
};

describe("the policy catalogue", () => {
  const policies = new Map(PACKS.flatMap((p) => p.policies.map((x) => [x.name, x] as const)));

  it("has at least one policy for every row, and every policy belongs to a row", () => {
    for (const [row, names] of Object.entries(CATALOGUE)) {
      expect([row, names.length > 0 && names.every((n) => policies.has(n))]).toEqual([row, true]);
    }
    expect([...policies.keys()].filter((n) => !Object.values(CATALOGUE).flat().includes(n))).toEqual([]);
  });

  it("marks the policies of every [seed] row as seed rules", () => {
    for (const [row, names] of Object.entries(CATALOGUE).filter(([row]) => row.includes("[seed]") || row.startsWith("KMS:"))) {
      for (const n of names) expect([row, n, policies.get(n)!.seed]).toEqual([row, n, true]);
    }
  });
});
