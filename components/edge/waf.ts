import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsIdentity } from "../shared/identity";

/** Where a web ACL is attached: an ALB (REGIONAL) or a CloudFront distribution (CLOUDFRONT, in us-east-1). */
type WafScope = "REGIONAL" | "CLOUDFRONT";

/** The AWS managed rule groups every web ACL runs, in priority order after the IP reputation list and the rate limit. */
const MANAGED_RULE_GROUPS = {
  ipReputation: "AWSManagedRulesAmazonIpReputationList",
  common: "AWSManagedRulesCommonRuleSet",
  knownBadInputs: "AWSManagedRulesKnownBadInputsRuleSet",
  sqli: "AWSManagedRulesSQLiRuleSet",
} as const;

/** Metric names are at most 255 characters of letters, digits, `-` and `_`. */
function metricName(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 255);
}

const visibility = (name: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: metricName(name) });

const managed = (prefix: string, priority: number, name: string): aws.types.input.wafv2.WebAclRule => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
  visibilityConfig: visibility(`${prefix}-${name}`),
});

export interface WebAclRulesArgs {
  /** The prefix of the metric names, e.g. `platform-prod-api`. */
  readonly metricPrefix: string;
  /** Requests per 5 minutes from one client IP before it is blocked. */
  readonly rateLimit: number;
  /**
   * Run the SQL injection rule group too (the API; a static catalog has no queries to inject into).
   * @default - true.
   */
  readonly sqli?: boolean;
}

/**
 * The web ACL's rules, cheapest first: Amazon's IP reputation list, then a per-IP rate
 * limit over 5 minutes that blocks, then the common rule set, known bad inputs
 * (Log4Shell-style payloads) and SQL injection. Managed groups keep their own actions
 * (`overrideAction: none`); every rule publishes CloudWatch metrics and samples.
 */
export function webAclRules(args: WebAclRulesArgs): aws.types.input.wafv2.WebAclRule[] {
  const p = args.metricPrefix;
  return [
    managed(p, 0, MANAGED_RULE_GROUPS.ipReputation),
    {
      name: "rate-limit-per-ip",
      priority: 1,
      action: { block: {} },
      statement: { rateBasedStatement: { limit: args.rateLimit, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
      visibilityConfig: visibility(`${p}-rate-limit-per-ip`),
    },
    managed(p, 2, MANAGED_RULE_GROUPS.common),
    managed(p, 3, MANAGED_RULE_GROUPS.knownBadInputs),
    ...(args.sqli ?? true ? [managed(p, 4, MANAGED_RULE_GROUPS.sqli)] : []),
  ];
}

/** WAF only logs to CloudWatch log groups whose name starts with this. */
const WAF_LOG_GROUP_PREFIX = "aws-waf-logs-";

export interface ProtectedWebAclArgs extends WebAclRulesArgs {
  /** `REGIONAL` (the ALB's ACL) or `CLOUDFRONT` (created in us-east-1). */
  readonly scope: WafScope;
  /** The account, partition and region of the provider the ACL is created with. */
  readonly identity: AwsIdentity;
  /** The web ACL's AWS name, e.g. `platform-prod-api`; its log group is `aws-waf-logs-<name>`. */
  readonly aclName: string;
  /** The KMS key (same region) that encrypts the log group; its policy grants CloudWatch Logs. */
  readonly logKeyArn: pulumi.Input<string>;
  /** Retention of the WAF log group, in days. */
  readonly logRetentionDays: number;
  /**
   * Keep the log group on `pulumi destroy`.
   * @default - false.
   */
  readonly protect?: boolean;
}

/** The web ACL and its logging. */
export interface ProtectedWebAcl {
  readonly acl: aws.wafv2.WebAcl;
  readonly logGroup: aws.cloudwatch.LogGroup;
}

/**
 * The resource policy that lets the log delivery service write a vended log (WAF,
 * CloudFront) into one log group, only on behalf of this account.
 */
export function logDeliveryPolicy(identity: AwsIdentity, logGroupArn: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "LogDeliveryWrites",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: pulumi.interpolate`${logGroupArn}:log-stream:*`,
        Condition: {
          StringEquals: { "aws:SourceAccount": identity.accountId },
          ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${identity.partition}:logs:${identity.region}:${identity.accountId}:*` },
        },
      },
    ],
  });
}

/**
 * A WAFv2 web ACL (default allow, {@link webAclRules}, metrics on) that logs every
 * request to a KMS-encrypted `aws-waf-logs-*` log group, with the resource policy the
 * log delivery needs. The region is the provider's (us-east-1 for CLOUDFRONT).
 */
export function createProtectedWebAcl(name: string, args: ProtectedWebAclArgs, opts: pulumi.CustomResourceOptions): ProtectedWebAcl {
  const acl = new aws.wafv2.WebAcl(
    `${name}-acl`,
    {
      name: args.aclName,
      description: `${args.aclName}: managed rule groups and a per-IP rate limit.`,
      scope: args.scope,
      defaultAction: { allow: {} },
      rules: webAclRules(args),
      visibilityConfig: visibility(args.aclName),
      tags: { Name: args.aclName },
    },
    opts,
  );
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-logs`,
    { name: `${WAF_LOG_GROUP_PREFIX}${args.aclName}`, kmsKeyId: args.logKeyArn, retentionInDays: args.logRetentionDays },
    { ...opts, protect: args.protect ?? false },
  );
  const policy = new aws.cloudwatch.LogResourcePolicy(
    `${name}-logs-policy`,
    { policyName: `${WAF_LOG_GROUP_PREFIX}${args.aclName}`, policyDocument: logDeliveryPolicy(args.identity, logGroup.arn) },
    opts,
  );
  new aws.wafv2.WebAclLoggingConfiguration(
    `${name}-logging`,
    { resourceArn: acl.arn, logDestinationConfigs: [logGroup.arn], redactedFields: [{ singleHeader: { name: "authorization" } }] },
    { ...opts, dependsOn: [policy] },
  );
  return { acl, logGroup };
}
