import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsIdentity } from "../shared/identity";
import { createKmsKey, logsGrant } from "../shared/kms";
import { CLOUDFRONT_REGION } from "../shared/provider";
import { createValidatedCertificate } from "./certificate";
import { createProtectedWebAcl, logDeliveryPolicy } from "./waf";

export interface CdnFrontArgs {
  /** The account and partition; the region is always us-east-1 here. */
  readonly identity: AwsIdentity;
  /** The prefix of AWS names, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /**
   * The catalog's own name (`cdn.<domain>`), with the hosted zone that validates its certificate.
   * @default - none: the distribution keeps its cloudfront.net name and CloudFront's default certificate.
   */
  readonly customDomain?: { readonly name: string; readonly hostedZoneId: pulumi.Input<string> };
  /** Requests per 5 minutes from one client IP before the web ACL blocks it. */
  readonly wafRateLimit: number;
  /** Retention of the WAF and access log groups, in days. */
  readonly logRetentionDays: number;
  /** Keep the key and log groups on `pulumi destroy` (settings: `protectStateful`). */
  readonly protect: boolean;
}

/**
 * What CloudFront takes from us-east-1, made before the catalog's distribution: a
 * CLOUDFRONT-scope WAFv2 web ACL (IP reputation, per-IP rate limit, common rules, known
 * bad inputs) logging to a KMS-encrypted `aws-waf-logs-*` group; the DNS-validated ACM
 * certificate of the custom name, when there is one; and the KMS-encrypted log group
 * (with its delivery destination) that receives the distribution's access logs through
 * CloudWatch Logs delivery, so no ACL-enabled bucket is needed.
 *
 * Providers: `aws` through `opts.providers`, in us-east-1.
 */
export class CdnFront extends pulumi.ComponentResource {
  /** The web ACL's ARN, the distribution's `webAclId`. */
  public readonly webAclArn: pulumi.Output<string>;
  /** The key of the CloudFront WAF and access logs (us-east-1). */
  public readonly logsKeyArn: pulumi.Output<string>;
  /** The custom name and its issued certificate's ARN, when there is a custom name. */
  public readonly customDomain?: { readonly name: string; readonly certificateArn: pulumi.Output<string> };
  /** The access-log delivery destination (a log group) for the distribution's delivery source. */
  public readonly accessLogDestinationArn: pulumi.Output<string>;
  /** The access log group's name. */
  public readonly accessLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: CdnFrontArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:CdnFront", name, {}, opts);
    const child = { parent: this };
    const stateful = { parent: this, protect: args.protect };
    const identity: AwsIdentity = { ...args.identity, region: CLOUDFRONT_REGION };
    const key = createKmsKey(
      `${name}-logs-key`,
      { description: `${args.namePrefix} CloudFront WAF and access logs (us-east-1)`, identity, services: [logsGrant(identity)], alias: `${args.namePrefix}/logs/cdn` },
      stateful,
    );
    const waf = createProtectedWebAcl(
      `${name}-waf`,
      {
        scope: "CLOUDFRONT",
        identity,
        aclName: `${args.namePrefix}-cdn`,
        metricPrefix: `${args.namePrefix}-cdn`,
        rateLimit: args.wafRateLimit,
        sqli: false,
        logKeyArn: key.arn,
        logRetentionDays: args.logRetentionDays,
        protect: args.protect,
      },
      child,
    );
    const accessLogs = new aws.cloudwatch.LogGroup(
      `${name}-access-logs`,
      { name: `/${args.namePrefix}/cloudfront/catalog`, kmsKeyId: key.arn, retentionInDays: args.logRetentionDays },
      stateful,
    );
    new aws.cloudwatch.LogResourcePolicy(
      `${name}-access-logs-policy`,
      { policyName: `${args.namePrefix}-cloudfront-access-logs`, policyDocument: logDeliveryPolicy(identity, accessLogs.arn) },
      child,
    );
    const destination = new aws.cloudwatch.LogDeliveryDestination(
      `${name}-access-logs-destination`,
      { name: `${args.namePrefix}-cdn-access-logs`, outputFormat: "json", deliveryDestinationConfiguration: { destinationResourceArn: accessLogs.arn } },
      child,
    );
    if (args.customDomain) {
      const cert = createValidatedCertificate(`${name}-cert`, { domainName: args.customDomain.name, hostedZoneId: args.customDomain.hostedZoneId }, child);
      this.customDomain = { name: args.customDomain.name, certificateArn: cert.arn };
    }
    this.webAclArn = waf.acl.arn;
    this.logsKeyArn = key.arn;
    this.accessLogDestinationArn = destination.arn;
    this.accessLogGroupName = accessLogs.name;
    this.registerOutputs({ webAclArn: this.webAclArn, certificateArn: this.customDomain?.certificateArn, accessLogDestinationArn: this.accessLogDestinationArn });
  }
}
