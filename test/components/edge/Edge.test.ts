import { describe, expect, it } from "vitest";
import { ALB_TLS_POLICY } from "../../../components/edge/alb";
import { LOAD_BALANCER_CONTROLLER } from "../../../components/edge/loadBalancerController";
import { API_GATEWAY } from "../../../components/mesh/apiGateway";
import type { PlanDocument, PlanResource } from "../../../tools/plan/types";
import { loadPlan, ofType, single, STACKS } from "../../support/plans";

const EDGE = "::platform:edge:Edge";
const CDN = "::platform:edge:CdnFront";
const US_EAST_1 = "urn:pulumi:%s::platform::pulumi:providers:aws::aws-us-east-1";
const NODE_SG = "sg-cluster-eks-cluster";
const DOMAIN = { dev: "dev.example.com", prod: "example.com" } as const;
const ZONE = { dev: "Z0DEVEXAMPLE00000000", prod: "Z0PRODEXAMPLE0000000" } as const;

const inside = (doc: PlanDocument, scope: string) => doc.resources.filter((r) => r.urn.includes(scope) && !r.type.startsWith("platform:"));
const counts = (rs: PlanResource[]) => rs.reduce<Record<string, number>>((m, r) => ({ ...m, [r.type]: (m[r.type] ?? 0) + 1 }), {});
const tcp = (port: number) => ({ ipProtocol: "tcp", fromPort: port, toPort: port });
/** The services and their API prefixes, in prefix order (the rules' priority order). */
const ROUTES = [
  ["order", "/orders"],
  ["product", "/products"],
  ["user", "/users"],
] as const;
const tgArn = (svc: string) => `arn:aws:lb:us-east-1:123456789012:targetgroup/edge-gateway-${svc}`;

describe.each(STACKS)("public edge (%s)", (stack) => {
  const doc = loadPlan(stack);
  const prod = stack === "prod";
  const api = `api.${DOMAIN[stack]}`;
  const cdn = `cdn.${DOMAIN[stack]}`;
  const get = (type: string, name: string) => single(doc, type, name);
  const alb = get("aws:lb/loadBalancer:LoadBalancer", "edge-alb");

  it("creates exactly the edge's resources", () => {
    expect(counts(inside(doc, EDGE))).toEqual({
      "aws:acm/certificate:Certificate": 1,
      "aws:acm/certificateValidation:CertificateValidation": 1,
      "aws:cloudwatch/logDelivery:LogDelivery": 1,
      "aws:cloudwatch/logDeliverySource:LogDeliverySource": 1,
      "aws:cloudwatch/logGroup:LogGroup": 1,
      "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": 1,
      "aws:ec2/securityGroup:SecurityGroup": 1,
      "aws:iam/policy:Policy": 1,
      "aws:iam/role:Role": 1,
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 1,
      "aws:kms/alias:Alias": 1,
      "aws:kms/key:Key": 1,
      "aws:lb/listener:Listener": 2,
      "aws:lb/listenerRule:ListenerRule": ROUTES.length,
      "aws:lb/loadBalancer:LoadBalancer": 1,
      "aws:lb/targetGroup:TargetGroup": ROUTES.length,
      "aws:route53/record:Record": 3,
      "aws:s3/bucket:Bucket": 1,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": 1,
      "aws:s3/bucketLogging:BucketLogging": 1,
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 1,
      "aws:s3/bucketPolicy:BucketPolicy": 1,
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 1,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 1,
      "aws:s3/bucketVersioning:BucketVersioning": 1,
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": 2,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 4,
      "aws:wafv2/webAcl:WebAcl": 1,
      "aws:wafv2/webAclAssociation:WebAclAssociation": 1,
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": 1,
      "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding": ROUTES.length,
      "kubernetes:helm.sh/v3:Release": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 1,
      // The log bucket's name suffix, and each target group's.
      "random:index/randomString:RandomString": 1 + ROUTES.length,
    });
    expect(counts(inside(doc, CDN))).toEqual({
      "aws:acm/certificate:Certificate": 1,
      "aws:acm/certificateValidation:CertificateValidation": 1,
      "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": 1,
      "aws:cloudwatch/logGroup:LogGroup": 2,
      "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": 2,
      "aws:kms/alias:Alias": 1,
      "aws:kms/key:Key": 1,
      "aws:route53/record:Record": 1,
      "aws:wafv2/webAcl:WebAcl": 1,
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": 1,
    });
  });

  it("puts an internet-facing ALB in the public subnets with every hardening setting, deletion protection in prod only", () => {
    expect(alb.inputs).toMatchObject({
      internal: false,
      loadBalancerType: "application",
      subnets: ["network-public-a-id", "network-public-b-id", "network-public-c-id"],
      securityGroups: ["edge-alb-sg-id"],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "strictest",
      enableDeletionProtection: prod,
      idleTimeout: 60,
      accessLogs: { enabled: true, bucket: get("aws:s3/bucket:Bucket", "edge-alb-logs-bucket").inputs.bucket, prefix: "alb" },
    });
  });

  it("serves HTTPS on a TLS 1.2/1.3 policy with the validated ACM certificate; HTTP only redirects", () => {
    const https = get("aws:lb/listener:Listener", "edge-https");
    expect(ALB_TLS_POLICY).toBe("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09");
    expect(https.inputs).toMatchObject({ protocol: "HTTPS", port: 443, sslPolicy: ALB_TLS_POLICY, certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/edge-cert" });
    expect(https.inputs.defaultActions).toEqual([{ type: "fixed-response", fixedResponse: { contentType: "application/json", statusCode: "404", messageBody: '{"error":"not found"}' } }]);
    expect(get("aws:lb/listener:Listener", "edge-http").inputs).toMatchObject({
      protocol: "HTTP",
      port: 80,
      defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
    expect(get("aws:acm/certificate:Certificate", "edge-cert").inputs).toMatchObject({ domainName: api, validationMethod: "DNS" });
    expect(get("aws:route53/record:Record", "edge-cert-validation").inputs).toMatchObject({ zoneId: ZONE[stack], type: "CNAME", name: `_edge-cert.${api}.` });
    expect(get("aws:acm/certificateValidation:CertificateValidation", "edge-cert-validated").inputs.validationRecordFqdns).toEqual([`_edge-cert.${api}`]);
  });

  it("forwards only the API routes of the API host, each service's to its own target group", () => {
    const rules = ofType(doc, "aws:lb/listenerRule:ListenerRule").map((r) => [r.name, r.inputs.priority, r.inputs.conditions, r.inputs.actions]);
    expect(rules).toEqual(
      ROUTES.map(([svc, prefix], i) => [
        `edge-route-${prefix.slice(1)}`,
        10 + i,
        [{ hostHeader: { values: [api] } }, { pathPattern: { values: [prefix, `${prefix}/*`] } }],
        [{ type: "forward", targetGroupArn: tgArn(svc) }],
      ]),
    );
    // Each rule depends on its own target group only.
    for (const [svc, prefix] of ROUTES) {
      const deps = get("aws:lb/listenerRule:ListenerRule", `edge-route-${prefix.slice(1)}`).dependencies.filter((u) => u.includes("aws:lb/targetGroup:TargetGroup::"));
      expect(deps.map((u) => u.split("::").pop())).toEqual([`edge-gateway-${svc}`]);
    }
  });

  it("re-encrypts to the gateway pods: per service an HTTPS ip target group, all alike, health-checked on Istio's status port (no token, outside the JWT rules)", () => {
    expect(ofType(doc, "aws:lb/targetGroup:TargetGroup").map((t) => t.name)).toEqual(ROUTES.map(([svc]) => `edge-gateway-${svc}`));
    for (const [svc] of ROUTES) {
      const tg = get("aws:lb/targetGroup:TargetGroup", `edge-gateway-${svc}`);
      const suffix = get("random:index/randomString:RandomString", `edge-gateway-${svc}-suffix`);
      expect(suffix.inputs).toMatchObject({ length: 8, special: false, upper: false, keepers: { vpcId: "network-vpc-id", targetType: "ip", protocol: "HTTPS", port: "443" } });
      expect(tg.dependencies).toContain(suffix.urn);
      expect(tg.inputs).toMatchObject({ protocol: "HTTPS", port: 443, targetType: "ip", vpcId: "network-vpc-id", deregistrationDelay: 30, tags: { Name: `platform-${stack}-edge-gateway-${svc}`, Service: svc } });
      expect(tg.inputs.name).toMatch(new RegExp(`^${svc}-[a-z0-9]{8}$`));
      expect(tg.inputs.healthCheck).toEqual({ enabled: true, protocol: "HTTP", port: String(API_GATEWAY.healthCheck.port), path: "/healthz/ready", matcher: "200", interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 });
    }
    // The JWT AuthorizationPolicy covers the Gateway's 443 server only; 15021 is the status listener.
    const gateway = ofType(doc, "kubernetes:networking.istio.io/v1:Gateway")[0];
    expect((gateway.inputs.spec as { servers: { port: { number: number } }[] }).servers.map((s) => s.port.number)).toEqual([443]);
    expect(gateway.inputs.spec).toMatchObject({ servers: [{ hosts: expect.arrayContaining([api]), tls: { mode: "SIMPLE" } }] });
    for (const vs of ofType(doc, "kubernetes:networking.istio.io/v1:VirtualService")) expect((vs.inputs.spec as { hosts: string[] }).hosts).toContain(api);
  });

  it("opens the world only to 443 and 80 on the ALB, and the gateway pods only to the ALB", () => {
    const ingress = ofType(doc, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    const world = ingress.filter((r) => r.inputs.cidrIpv4 === "0.0.0.0/0" || r.inputs.cidrIpv6 === "::/0");
    expect(world.map((r) => [r.inputs.securityGroupId, r.inputs.fromPort, r.inputs.toPort, r.inputs.ipProtocol]).sort()).toEqual([
      ["edge-alb-sg-id", 443, 443, "tcp"],
      ["edge-alb-sg-id", 80, 80, "tcp"],
    ]);
    const fromAlb = ingress.filter((r) => r.inputs.referencedSecurityGroupId === "edge-alb-sg-id");
    const byPort = (a: PlanResource, b: PlanResource) => (a.inputs.fromPort as number) - (b.inputs.fromPort as number);
    expect(fromAlb.sort(byPort).map((r) => ({ sg: r.inputs.securityGroupId, ...tcp(r.inputs.fromPort as number) }))).toEqual([
      { sg: NODE_SG, ...tcp(443) },
      { sg: NODE_SG, ...tcp(15021) },
    ]);
    const egress = ofType(doc, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) => r.inputs.securityGroupId === "edge-alb-sg-id");
    expect(egress.sort(byPort).map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.cidrIpv4])).toEqual([
      [NODE_SG, 443, undefined],
      [NODE_SG, 15021, undefined],
    ]);
  });

  it("puts a REGIONAL web ACL on the ALB: IP reputation, a blocking per-IP rate limit, common, known bad inputs and SQLi, with metrics and encrypted logs", () => {
    const acl = get("aws:wafv2/webAcl:WebAcl", "edge-waf-acl");
    expect(acl.inputs).toMatchObject({ scope: "REGIONAL", name: `platform-${stack}-edge-api`, defaultAction: { allow: {} }, visibilityConfig: { cloudwatchMetricsEnabled: true } });
    const rules = acl.inputs.rules as Record<string, any>[];
    expect(rules.map((r) => [r.priority, r.name])).toEqual([
      [0, "AWSManagedRulesAmazonIpReputationList"],
      [1, "rate-limit-per-ip"],
      [2, "AWSManagedRulesCommonRuleSet"],
      [3, "AWSManagedRulesKnownBadInputsRuleSet"],
      [4, "AWSManagedRulesSQLiRuleSet"],
    ]);
    expect(rules[1]).toMatchObject({ action: { block: {} }, statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP", evaluationWindowSec: 300 } } });
    for (const r of rules) expect(r.visibilityConfig.cloudwatchMetricsEnabled).toBe(true);
    expect(get("aws:wafv2/webAclAssociation:WebAclAssociation", "edge-waf-association").inputs).toEqual({ resourceArn: alb.inputs.arn ?? "arn:aws:lb:us-east-1:123456789012:loadbalancer/edge-alb", webAclArn: "arn:aws:wafv2:us-east-1:123456789012:webacl/edge-waf-acl" });
    const logs = get("aws:cloudwatch/logGroup:LogGroup", "edge-waf-logs");
    expect(logs.inputs).toMatchObject({ name: `aws-waf-logs-platform-${stack}-edge-api`, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/edge-waf-logs-key" });
    expect(get("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "edge-waf-logging").inputs).toMatchObject({
      resourceArn: "arn:aws:wafv2:us-east-1:123456789012:webacl/edge-waf-acl",
      logDestinationConfigs: ["arn:aws:cloudwatch:us-east-1:123456789012:loggroup/edge-waf-logs"],
    });
    const key = JSON.parse(get("aws:kms/key:Key", "edge-waf-logs-key").inputs.policy as string);
    expect(key.Statement.map((s: { Principal: unknown }) => s.Principal)).toContainEqual({ Service: "logs.us-east-1.amazonaws.com" });
  });

  it("publishes api.<domain> (and cdn.<domain>) as aliases in the hosted zone", () => {
    expect(get("aws:route53/record:Record", "edge-api-record").inputs).toEqual({
      zoneId: ZONE[stack],
      name: api,
      type: "A",
      aliases: [{ name: "edge-alb-1234567890.us-east-1.elb.amazonaws.com", zoneId: "Z35SXDOTRQ7X7K", evaluateTargetHealth: true }],
    });
    expect(get("aws:route53/record:Record", "edge-cdn-record").inputs).toMatchObject({ name: cdn, type: "A", aliases: [{ name: "data-product-catalog-cdn.cloudfront.net", zoneId: "Z2FDTNDATAQYW2" }] });
  });

  it("logs the ALB to an SSE-S3 bucket (ELB's only option) that only the Region's ELB account may write, under alb/AWSLogs/<account>/", () => {
    const sse = ofType(doc, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").find((r) => r.inputs.bucket === "edge-alb-logs-bucket-id")!;
    expect(sse.inputs.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    const policy = JSON.parse(get("aws:s3/bucketPolicy:BucketPolicy", "edge-alb-logs-policy").inputs.policy as string);
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(["DenyInsecureTransport", "ElbWritesAccessLogs"]);
    expect(policy.Statement[1]).toEqual({
      Sid: "ElbWritesAccessLogs",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::127311923021:root" },
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:us-east-1:123456789012:bucket/edge-alb-logs-bucket/alb/AWSLogs/123456789012/*",
    });
    expect(ofType(doc, "aws:kms/key:Key").filter((k) => k.name.startsWith("edge-alb-logs"))).toEqual([]);
  });

  it("installs the pinned AWS Load Balancer Controller under its own IRSA role, restricted pods with requests", () => {
    const release = get("kubernetes:helm.sh/v3:Release", "edge-lbc");
    expect(release.inputs).toMatchObject({ chart: "aws-load-balancer-controller", version: LOAD_BALANCER_CONTROLLER.version, repositoryOpts: { repo: "https://aws.github.io/eks-charts" }, namespace: "kube-system" });
    expect(LOAD_BALANCER_CONTROLLER.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(release.inputs.values).toMatchObject({
      clusterName: `platform-${stack}`,
      region: "us-east-1",
      vpcId: "network-vpc-id",
      serviceAccount: { create: true, name: "aws-load-balancer-controller", annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam:us-east-1:123456789012:role/edge-lbc-role" } },
      createIngressClassResource: false,
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
      podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } },
    });
    const trust = JSON.parse(get("aws:iam/role:Role", "edge-lbc-role").inputs.assumeRolePolicy as string);
    expect(Object.values(trust.Statement[0].Condition.StringEquals)).toEqual(["system:serviceaccount:kube-system:aws-load-balancer-controller", "sts.amazonaws.com"]);
    const policy = JSON.parse(get("aws:iam/policy:Policy", "edge-lbc-policy").inputs.policy as string);
    const writes = policy.Statement.filter((s: { Action: string[] }) => s.Action.some((a) => !/:(Describe|Get)/.test(a)));
    // The edge's gateway target groups by their Name tag: the per-service ones, and the single one they replace.
    expect(writes).toEqual([
      {
        Sid: "RegisterGatewayPods",
        Effect: "Allow",
        Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
        Resource: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/*/*",
        Condition: { StringLike: { "aws:ResourceTag/Name": [`platform-${stack}-edge-gateway`, `platform-${stack}-edge-gateway-*`] } },
      },
    ]);
    for (const tg of ofType(doc, "aws:lb/targetGroup:TargetGroup")) expect((tg.inputs.tags as { Name: string }).Name).toMatch(new RegExp(`^platform-${stack}-edge-gateway-[a-z0-9-]+$`));
  });

  it("binds the gateway Service to each service's target group, after the controller and its policy, and admits the ALB (public subnets) to the gateway ports only", () => {
    expect(ofType(doc, "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding").map((b) => b.name)).toEqual(ROUTES.map(([svc]) => `edge-target-group-binding-${svc}`));
    for (const [svc] of ROUTES) {
      const tgb = get("kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding", `edge-target-group-binding-${svc}`);
      expect(tgb.inputs).toEqual({
        apiVersion: "elbv2.k8s.aws/v1beta1",
        kind: "TargetGroupBinding",
        metadata: { name: `edge-alb-${svc}`, namespace: "istio-ingress" },
        spec: {
          serviceRef: { name: "istio-ingressgateway", port: 443 },
          targetGroupARN: tgArn(svc),
          targetType: "ip",
          targetGroupProtocol: "HTTPS",
          ipAddressType: "ipv4",
          vpcID: "network-vpc-id",
        },
      });
      expect(tgb.options.dependsOn.map((u) => u.split("::").pop()).sort()).toEqual(["edge-lbc", "edge-lbc-policy"]);
    }
    const np = get("kubernetes:networking.k8s.io/v1:NetworkPolicy", "edge-gateway-ingress");
    expect(np.inputs.spec).toEqual({
      podSelector: { matchLabels: { istio: "ingressgateway" } },
      policyTypes: ["Ingress"],
      ingress: [
        { from: ["10.0.128.0/21", "10.0.136.0/21", "10.0.144.0/21"].map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 15021 }] },
        { from: ["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"].map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port: 15021 }] },
        {
          from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "observability" } }, podSelector: { matchLabels: { "platform/monitoring": "prometheus" } } }],
          ports: [{ protocol: "TCP", port: 15020 }],
        },
      ],
    });
  });

  it("fronts the catalog with CloudFront: a CLOUDFRONT web ACL, cdn.<domain> on a us-east-1 certificate with TLSv1.2_2021, access logs through CloudWatch Logs delivery", () => {
    const east = US_EAST_1.replace("%s", stack);
    const acl = get("aws:wafv2/webAcl:WebAcl", "cdn-waf-acl");
    expect(acl.provider).toBe(east);
    expect(acl.inputs.scope).toBe("CLOUDFRONT");
    expect((acl.inputs.rules as { name: string }[]).map((r) => r.name)).toEqual(["AWSManagedRulesAmazonIpReputationList", "rate-limit-per-ip", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]);
    expect(get("aws:cloudwatch/logGroup:LogGroup", "cdn-waf-logs").inputs).toMatchObject({ name: `aws-waf-logs-platform-${stack}-cdn`, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/cdn-logs-key" });
    const cert = get("aws:acm/certificate:Certificate", "cdn-cert");
    expect([cert.provider, cert.inputs.domainName]).toEqual([east, cdn]);
    const dist = get("aws:cloudfront/distribution:Distribution", "data-product-catalog-cdn");
    expect(dist.inputs).toMatchObject({
      aliases: [cdn],
      webAclId: "arn:aws:wafv2:us-east-1:123456789012:webacl/cdn-waf-acl",
      viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/cdn-cert", sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
    });
    const source = get("aws:cloudwatch/logDeliverySource:LogDeliverySource", "edge-cdn-log-source");
    expect([source.provider, source.inputs.logType, source.inputs.resourceArn]).toEqual([east, "ACCESS_LOGS", "arn:aws:cloudfront:us-east-1:123456789012:distribution/data-product-catalog-cdn"]);
    expect(get("aws:cloudwatch/logDelivery:LogDelivery", "edge-cdn-log-delivery").inputs).toMatchObject({ deliverySourceName: `platform-${stack}-cdn-access-logs` });
    expect(get("aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination", "cdn-access-logs-destination").inputs).toMatchObject({
      deliveryDestinationConfiguration: { destinationResourceArn: "arn:aws:cloudwatch:us-east-1:123456789012:loggroup/cdn-access-logs" },
    });
    expect(get("aws:cloudwatch/logGroup:LogGroup", "cdn-access-logs").inputs.kmsKeyId).toBe("arn:aws:kms:us-east-1:123456789012:key/cdn-logs-key");
  });

  it(`${prod ? "protects" : "does not protect"} the edge's keys, log groups and log bucket`, () => {
    const stateful = [...inside(doc, EDGE), ...inside(doc, CDN)].filter((r) => ["aws:kms/key:Key", "aws:cloudwatch/logGroup:LogGroup", "aws:s3/bucket:Bucket"].includes(r.type));
    expect(stateful.map((r) => r.name).sort()).toEqual(["cdn-access-logs", "cdn-logs-key", "cdn-waf-logs", "edge-alb-logs-bucket", "edge-waf-logs", "edge-waf-logs-key"]);
    for (const r of stateful) expect(r.options.protect, r.name).toBe(prod);
  });

  it("exports the ALB's DNS name, the API URL and the CDN's name", () => {
    expect(doc.outputs.edge).toEqual({
      albDnsName: "edge-alb-1234567890.us-east-1.elb.amazonaws.com",
      apiUrl: `https://${api}`,
      webAclArn: "arn:aws:wafv2:us-east-1:123456789012:webacl/edge-waf-acl",
      cdnDomain: cdn,
    });
  });
});
