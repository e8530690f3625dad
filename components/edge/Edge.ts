import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterRef } from "../cluster/Cluster";
import { SecureBucket } from "../data/SecureBucket";
import { irsaTrustPolicy, issuerHost } from "../shared/iam";
import type { AwsIdentity } from "../shared/identity";
import { createKmsKey, logsGrant } from "../shared/kms";
import { ALB_LOG_PREFIX, albLogDeliveryStatement } from "./accessLogs";
import { ALB_TLS_POLICY, PUBLIC_PORTS, apiRouteConditions, createAlbSecurityGroup, createGatewayTargetGroup, gatewayTargetGroupTag } from "./alb";
import { createValidatedCertificate } from "./certificate";
import { GatewayPorts, gatewayIngressPolicy, targetGroupBinding } from "./gatewayBinding";
import { LBC, LOAD_BALANCER_CONTROLLER, controllerPolicy, controllerValues } from "./loadBalancerController";
import { createProtectedWebAcl } from "./waf";

/** The mesh's ingress gateway, as the edge reaches it. */
interface EdgeGateway {
  /** The gateway's namespace. */
  readonly namespace: string;
  /** Its ClusterIP Service. */
  readonly serviceName: string;
  /** Its pods' labels. */
  readonly selector: Readonly<Record<string, string>>;
  /** The container ports of HTTPS and of the status port. */
  readonly ports: GatewayPorts;
  /** The readiness path on the status port. */
  readonly healthPath: string;
}

/** The catalog's CloudFront distribution, for its DNS name and access-log delivery. */
interface EdgeCatalog {
  readonly distributionArn: pulumi.Input<string>;
  readonly domainName: pulumi.Input<string>;
  /** The distribution's Route 53 alias zone. */
  readonly hostedZoneId: pulumi.Input<string>;
  /** The delivery destination its access logs go to (made by `CdnFront`). */
  readonly accessLogDestinationArn: pulumi.Input<string>;
  /**
   * The catalog's custom name, which gets an alias record.
   * @default - none: the distribution is reached at its cloudfront.net name.
   */
  readonly hostName?: string;
}

export interface EdgeArgs {
  /** The account, partition and region. */
  readonly identity: AwsIdentity;
  /** The prefix of AWS names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** The VPC. */
  readonly vpcId: pulumi.Input<string>;
  /** The public subnets the ALB's nodes live in, one per AZ. */
  readonly publicSubnetIds: pulumi.Input<string>[];
  /** Their CIDRs: the gateway's NetworkPolicy admits the ALB from them. */
  readonly publicSubnetCidrs: readonly string[];
  /** The application subnets' CIDRs: the kubelet probes the gateway's status port from there. */
  readonly applicationSubnetCidrs: readonly string[];
  /** The security group the gateway pods carry (the nodes' EKS cluster security group). */
  readonly targetSecurityGroupId: pulumi.Input<string>;
  /** The public hosted zone of the domain. */
  readonly hostedZoneId: pulumi.Input<string>;
  /** The API's public name, e.g. `api.example.com`. */
  readonly apiHostName: string;
  /**
   * The API path prefix of each service, by service name, e.g. `{ user: "/users" }`: the
   * ALB forwards only these (and below) to the gateway, each through its service's own
   * target group.
   */
  readonly apiPathPrefixes: Readonly<Record<string, string>>;
  /** Requests per 5 minutes from one client IP before the web ACL blocks it. */
  readonly wafRateLimit: number;
  /** Seconds an idle connection stays open (settings: `edge.idleTimeoutSeconds`). */
  readonly idleTimeoutSeconds: number;
  /** Deletion protection on the ALB (prod). */
  readonly deletionProtection: boolean;
  /** The bucket that takes the ALB log bucket's S3 server access logs. */
  readonly accessLogBucket: pulumi.Input<string>;
  /** Days before noncurrent log versions expire. */
  readonly noncurrentVersionDays: number;
  /** Retention of the WAF logs and the ALB access logs, in days. */
  readonly logRetentionDays: number;
  /** The EKS cluster, for the load balancer controller and its IRSA role. */
  readonly cluster: ClusterRef;
  /** The mesh's ingress gateway. */
  readonly gateway: EdgeGateway;
  /**
   * The catalog's distribution, to log and (with a custom name) to publish in DNS.
   * @default - no catalog distribution.
   */
  readonly catalog?: EdgeCatalog;
  /** The provider in us-east-1, where CloudFront's log delivery source must be. */
  readonly usEast1Provider: aws.Provider;
  /** Keep the log bucket, keys and log groups on `pulumi destroy` (settings: `protectStateful`). */
  readonly protect: boolean;
}

/**
 * The public tier: `api.<domain>` in Route 53 aliasing an internet-facing ALB in the
 * public subnets, with a DNS-validated ACM certificate, an HTTPS listener on a TLS
 * 1.2/1.3 policy that forwards only the API routes, an HTTP listener that only
 * redirects, invalid headers dropped, strictest desync mitigation, access logs to an
 * SSE-S3 bucket (the one encryption ALB log delivery accepts) and deletion protection
 * in prod; a REGIONAL WAFv2 web ACL with logging; and TLS again from the ALB to the
 * Istio ingress gateway's pods, registered by the AWS Load Balancer Controller through
 * a `TargetGroupBinding` in one HTTPS target group per service (each service's route
 * forwards to its own, so the ALB's 5xx and latency metrics are per service),
 * health-checked on Istio's status port. Also the catalog distribution's access-log
 * delivery and its DNS name.
 *
 * Providers: `aws` and `kubernetes` through `opts.providers`; us-east-1 in the args.
 */
export class Edge extends pulumi.ComponentResource {
  /** The ALB's DNS name. */
  public readonly albDnsName: pulumi.Output<string>;
  /** `https://api.<domain>`. */
  public readonly apiUrl: string;
  /** The REGIONAL web ACL's ARN. */
  public readonly webAclArn: pulumi.Output<string>;
  /** The key of the edge WAF's log group. */
  public readonly wafLogsKeyArn: pulumi.Output<string>;
  /** The ALB access-log bucket. */
  public readonly albLogBucket: pulumi.Output<string>;
  /** The catalog CDN's public name: the custom name, or the distribution's. */
  public readonly cdnDomain?: pulumi.Output<string>;
  /** The ALB's ARN suffix and each service's target group's, by service: their CloudWatch `LoadBalancer` and `TargetGroup` dimensions. */
  public readonly metricDimensions: { readonly loadBalancer: pulumi.Output<string>; readonly targetGroups: Readonly<Record<string, pulumi.Output<string>>> };

  constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:Edge", name, {}, opts);
    const child = { parent: this };
    const stateful = { parent: this, protect: args.protect };
    const awsName = `${args.namePrefix}-edge`;

    // Access logs: ELB delivers only to SSE-S3 buckets; everything else as every bucket.
    const logBucket = new SecureBucket(
      `${name}-alb-logs`,
      {
        identity: args.identity,
        namePrefix: args.namePrefix,
        role: "alb-logs",
        description: `${args.namePrefix} ALB access logs`,
        accessLogs: { kind: "bucket", bucket: args.accessLogBucket },
        noncurrentVersionDays: args.noncurrentVersionDays,
        expireAfterDays: Math.max(args.logRetentionDays, 90),
        encryption: "SSE-S3",
        policyStatements: (arn) => [albLogDeliveryStatement(args.identity, arn)],
        protect: args.protect,
      },
      child,
    );

    const cert = createValidatedCertificate(`${name}-cert`, { domainName: args.apiHostName, hostedZoneId: args.hostedZoneId }, child);
    const sg = createAlbSecurityGroup(
      `${name}-alb`,
      { vpcId: args.vpcId, groupName: `${awsName}-alb`, targetSecurityGroupId: args.targetSecurityGroupId, targetPorts: args.gateway.ports },
      child,
    );
    const alb = new aws.lb.LoadBalancer(
      `${name}-alb`,
      {
        internal: false,
        loadBalancerType: "application",
        ipAddressType: "ipv4",
        securityGroups: [sg.id],
        subnets: args.publicSubnetIds,
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "strictest",
        enableDeletionProtection: args.deletionProtection,
        enableHttp2: true,
        idleTimeout: args.idleTimeoutSeconds,
        accessLogs: { enabled: true, bucket: logBucket.bucketName, prefix: ALB_LOG_PREFIX },
        tags: { Name: `${awsName}-alb` },
      },
      { parent: this, dependsOn: [logBucket] },
    );
    // One target group per service, all to the same gateway pods: per-service ALB metrics.
    const routes = apiRouteConditions(args.apiHostName, args.apiPathPrefixes);
    const targets = Object.fromEntries(
      routes.map(({ service }) => [
        service,
        createGatewayTargetGroup(`${name}-gateway-${service}`, { vpcId: args.vpcId, service, awsName, ports: args.gateway.ports, healthPath: args.gateway.healthPath }, child),
      ]),
    );
    const https = new aws.lb.Listener(
      `${name}-https`,
      {
        loadBalancerArn: alb.arn,
        port: PUBLIC_PORTS.https,
        protocol: "HTTPS",
        sslPolicy: ALB_TLS_POLICY,
        certificateArn: cert.arn,
        defaultActions: [{ type: "fixed-response", fixedResponse: { contentType: "application/json", statusCode: "404", messageBody: '{"error":"not found"}' } }],
      },
      child,
    );
    routes.forEach(({ service, prefix, conditions }, i) => {
      new aws.lb.ListenerRule(
        `${name}-route-${prefix.replace(/^\//, "").replace(/[^a-z0-9-]/g, "-")}`,
        { listenerArn: https.arn, priority: 10 + i, conditions, actions: [{ type: "forward", targetGroupArn: targets[service].arn }] },
        child,
      );
    });
    new aws.lb.Listener(
      `${name}-http`,
      {
        loadBalancerArn: alb.arn,
        port: PUBLIC_PORTS.http,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: String(PUBLIC_PORTS.https), statusCode: "HTTP_301" } }],
      },
      child,
    );
    new aws.route53.Record(
      `${name}-api-record`,
      { zoneId: args.hostedZoneId, name: args.apiHostName, type: "A", aliases: [{ name: alb.dnsName, zoneId: alb.zoneId, evaluateTargetHealth: true }] },
      child,
    );

    // The WAF in front of the ALB, logging to its own encrypted group.
    const logsKey = createKmsKey(
      `${name}-waf-logs-key`,
      { description: `${args.namePrefix} edge WAF logs`, identity: args.identity, services: [logsGrant(args.identity)], alias: `${args.namePrefix}/logs/edge-waf` },
      stateful,
    );
    const waf = createProtectedWebAcl(
      `${name}-waf`,
      {
        scope: "REGIONAL",
        identity: args.identity,
        aclName: `${awsName}-api`,
        metricPrefix: `${awsName}-api`,
        rateLimit: args.wafRateLimit,
        logKeyArn: logsKey.arn,
        logRetentionDays: args.logRetentionDays,
        protect: args.protect,
      },
      child,
    );
    new aws.wafv2.WebAclAssociation(`${name}-waf-association`, { resourceArn: alb.arn, webAclArn: waf.acl.arn }, child);

    // The AWS Load Balancer Controller registers the gateway's pods in the target groups.
    const role = new aws.iam.Role(
      `${name}-lbc-role`,
      {
        description: "AWS Load Balancer Controller (IRSA): registers the Istio gateway's pods in the edge target groups.",
        assumeRolePolicy: irsaTrustPolicy({
          oidcProviderArn: args.cluster.oidcProviderArn,
          issuerHost: issuerHost(args.cluster.oidcIssuerUrl),
          namespace: LBC.namespace,
          serviceAccount: LBC.serviceAccount,
        }),
      },
      child,
    );
    const policy = new aws.iam.Policy(
      `${name}-lbc-policy`,
      {
        description: "AWS Load Balancer Controller: discover, and register targets in the edge's gateway target groups only.",
        // The bare `-gateway` is the single target group before the per-service ones: its binding deregisters after they exist.
        policy: controllerPolicy(args.identity, [`${awsName}-gateway`, gatewayTargetGroupTag(awsName, "*")]),
      },
      child,
    );
    const attachment = new aws.iam.RolePolicyAttachment(`${name}-lbc-policy`, { role: role.name, policyArn: policy.arn }, child);
    const controller = new k8s.helm.v3.Release(
      `${name}-lbc`,
      {
        name: LBC.release,
        chart: LOAD_BALANCER_CONTROLLER.chart,
        version: LOAD_BALANCER_CONTROLLER.version,
        repositoryOpts: { repo: LOAD_BALANCER_CONTROLLER.repo },
        namespace: LBC.namespace,
        values: controllerValues({ clusterName: args.cluster.clusterName, region: args.identity.region, vpcId: args.vpcId, roleArn: role.arn }),
        atomic: true,
        cleanupOnFail: true,
        timeout: 600,
      },
      { parent: this, dependsOn: [attachment] },
    );
    for (const [service, tg] of Object.entries(targets)) {
      new k8s.apiextensions.CustomResource(
        `${name}-target-group-binding-${service}`,
        targetGroupBinding({ namespace: args.gateway.namespace, service, serviceName: args.gateway.serviceName, servicePort: PUBLIC_PORTS.https, targetGroupArn: tg.arn, vpcId: args.vpcId }),
        { parent: this, dependsOn: [controller, policy] },
      );
    }
    new k8s.networking.v1.NetworkPolicy(
      `${name}-gateway-ingress`,
      {
        metadata: { name: "allow-edge-alb", namespace: args.gateway.namespace },
        spec: gatewayIngressPolicy(args.gateway.selector, args.gateway.ports, args.publicSubnetCidrs, args.applicationSubnetCidrs),
      },
      child,
    );

    // The catalog distribution: access logs through CloudWatch Logs delivery, and its name.
    if (args.catalog) {
      const east = { parent: this, provider: args.usEast1Provider };
      const source = new aws.cloudwatch.LogDeliverySource(
        `${name}-cdn-log-source`,
        { name: `${args.namePrefix}-cdn-access-logs`, logType: "ACCESS_LOGS", resourceArn: args.catalog.distributionArn },
        east,
      );
      new aws.cloudwatch.LogDelivery(`${name}-cdn-log-delivery`, { deliverySourceName: source.name, deliveryDestinationArn: args.catalog.accessLogDestinationArn }, east);
      if (args.catalog.hostName) {
        new aws.route53.Record(
          `${name}-cdn-record`,
          { zoneId: args.hostedZoneId, name: args.catalog.hostName, type: "A", aliases: [{ name: args.catalog.domainName, zoneId: args.catalog.hostedZoneId, evaluateTargetHealth: false }] },
          child,
        );
      }
      this.cdnDomain = args.catalog.hostName ? pulumi.output(args.catalog.hostName) : pulumi.output(args.catalog.domainName);
    }

    this.albDnsName = alb.dnsName;
    this.apiUrl = `https://${args.apiHostName}`;
    this.metricDimensions = { loadBalancer: alb.arnSuffix, targetGroups: Object.fromEntries(Object.entries(targets).map(([svc, tg]) => [svc, tg.arnSuffix])) };
    this.webAclArn = waf.acl.arn;
    this.wafLogsKeyArn = logsKey.arn;
    this.albLogBucket = logBucket.bucketName;
    this.registerOutputs({ albDnsName: this.albDnsName, apiUrl: this.apiUrl, webAclArn: this.webAclArn, cdnDomain: this.cdnDomain });
  }
}
