import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { AwsIdentity } from "../shared/identity";
import { ServiceGrant, createKmsKey } from "../shared/kms";
import { policyDocument } from "../shared/iam";

/** S3 bucket names are at most 63 characters. */
export const MAX_BUCKET_NAME = 63;

/** `<prefix>-<role>-<suffix>`, the role shortened when the whole would exceed 63 characters. */
export function bucketName(prefix: string, role: string, suffix: string): string {
  const room = MAX_BUCKET_NAME - prefix.length - suffix.length - 2;
  const trimmed = role.slice(0, Math.max(1, room)).replace(/-+$/, "");
  return `${prefix}-${trimmed}-${suffix}`.toLowerCase();
}

/** The statement every bucket policy starts with: deny any request not made over TLS. */
function denyInsecureTransport(bucketArn: pulumi.Input<string>): Record<string, unknown> {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/**
 * A bucket's default encryption.
 * - `SSE-KMS`: its own customer-managed key with the S3 bucket key (every bucket that can).
 * - `SSE-S3`: Amazon S3-managed keys, only for a bucket whose writer accepts nothing
 *   else: Elastic Load Balancing delivers ALB access logs only to SSE-S3 buckets.
 */
type BucketEncryption = "SSE-KMS" | "SSE-S3";

/** The catalog distribution's edge protection, from the public edge (all in us-east-1). */
export interface CloudFrontEdgeOptions {
  /** The CLOUDFRONT-scope WAFv2 web ACL's ARN. */
  readonly webAclArn: pulumi.Input<string>;
  /**
   * The custom name and its validated ACM certificate (us-east-1).
   * @default - the distribution's cloudfront.net name with CloudFront's default certificate, whose minimum protocol CloudFront fixes.
   */
  readonly customDomain?: { readonly name: string; readonly certificateArn: pulumi.Input<string> };
}

/** Where a bucket's server access logs go. */
export type AccessLogTarget =
  /** Another bucket (the stack's access-log bucket), under a prefix per source bucket. */
  | { readonly kind: "bucket"; readonly bucket: pulumi.Input<string> }
  /**
   * Nowhere: only for the access-log bucket itself. A bucket that logs into itself writes
   * a log object for every log object delivered, a loop that never ends; its writes are
   * S3 log delivery's, and reads of it are in CloudTrail.
   */
  | { readonly kind: "none" };

/** The two Object Lock retention modes: COMPLIANCE no one can shorten; GOVERNANCE a permitted principal can bypass. */
export type ObjectLockMode = "COMPLIANCE" | "GOVERNANCE";

/** A default Object Lock retention: a mode and exactly one of years and days (the settings validate it). */
export interface ObjectLockRetention {
  /** The retention mode. */
  readonly mode: ObjectLockMode;
  /**
   * Whole years.
   * @default - `days` gives the retention.
   */
  readonly years?: number;
  /**
   * Whole days.
   * @default - `years` gives the retention.
   */
  readonly days?: number;
}

/** `{ mode, years }` or `{ mode, days }`: the `defaultRetention` of a BucketObjectLockConfiguration. */
export function defaultRetention(lock: ObjectLockRetention): { mode: ObjectLockMode; years?: number; days?: number } {
  if ((lock.years === undefined) === (lock.days === undefined)) throw new Error(`Object Lock retention needs exactly one of years and days, got ${JSON.stringify(lock)}`);
  return lock.years !== undefined ? { mode: lock.mode, years: lock.years } : { mode: lock.mode, days: lock.days };
}

/** The server access logging of a bucket: target bucket and prefix, or none (the access-log bucket). */
export function accessLogging(target: AccessLogTarget, role: string): { targetBucket: pulumi.Input<string>; targetPrefix: string } | undefined {
  return target.kind === "bucket" ? { targetBucket: target.bucket, targetPrefix: `${role}/` } : undefined;
}

export interface SecureBucketArgs {
  /** The account, partition and region (key policy, service conditions). */
  readonly identity: AwsIdentity;
  /** The prefix of the bucket name, key alias and tags, e.g. `platform-prod`. */
  readonly namePrefix: string;
  /** What the bucket is for, in the name and tags: e.g. `order-documents`. */
  readonly role: string;
  /** Says what the bucket holds; becomes the key description. */
  readonly description: string;
  /** Where server access logs go. */
  readonly accessLogs: AccessLogTarget;
  /** Days before a noncurrent object version expires. */
  readonly noncurrentVersionDays: number;
  /**
   * Days before a current object expires.
   * @default - never: objects stay until deleted.
   */
  readonly expireAfterDays?: number;
  /**
   * Object Lock with this default retention (mode and years or days). Object Lock is
   * enabled only at creation; the retention can change later.
   * @default - no Object Lock.
   */
  readonly objectLock?: ObjectLockRetention;
  /**
   * Serve the bucket through a CloudFront distribution with origin access control; the
   * bucket policy admits only that distribution.
   * @default - no distribution.
   */
  readonly cloudFront?: boolean;
  /**
   * The distribution's WAF web ACL and custom domain (only with `cloudFront`).
   * @default - no web ACL, the cloudfront.net name and CloudFront's default certificate.
   */
  readonly cloudFrontEdge?: CloudFrontEdgeOptions;
  /**
   * Default encryption.
   * @default - `SSE-KMS` with the bucket's own key.
   */
  readonly encryption?: BucketEncryption;
  /**
   * More bucket-policy statements, given the bucket's ARN (e.g. a log writer's grant).
   * @default - none.
   */
  readonly policyStatements?: (bucketArn: pulumi.Output<string>) => pulumi.Input<Record<string, unknown>>[];
  /**
   * Service principals that write into the bucket (e.g. S3 log delivery): they get a
   * bucket-policy grant for `s3:PutObject` from this account, and use of the key.
   * @default - none.
   */
  readonly writerServices?: readonly string[];
  /**
   * Keep the bucket and its key on `pulumi destroy`.
   * @default - false.
   */
  readonly protect?: boolean;
}

/** A bucket's CloudFront distribution, as the edge aliases it (Route 53) and WAF names it. */
export interface CdnDistribution {
  readonly arn: pulumi.Output<string>;
  readonly domainName: pulumi.Output<string>;
  readonly hostedZoneId: pulumi.Output<string>;
}

/**
 * A private S3 bucket with every control of the platform: all four public-access blocks,
 * owner-enforced ownership, default SSE-KMS with its own key and a bucket key,
 * versioning, a TLS-only bucket policy, server access logging (to another bucket),
 * lifecycle rules (abort incomplete multipart uploads, expire noncurrent versions) and a random suffix.
 */
export class SecureBucket extends pulumi.ComponentResource {
  /** The bucket's name. */
  public readonly bucketName: pulumi.Output<string>;
  /** The bucket's ARN. */
  public readonly bucketArn: pulumi.Output<string>;
  /** The key that encrypts it (none for `SSE-S3`). */
  public readonly kmsKeyArn: pulumi.Output<string> | undefined;
  /** The CloudFront domain, when the bucket is served through CloudFront. */
  public readonly distributionDomain?: pulumi.Output<string>;
  /** The distribution's ARN, when there is one. */
  public readonly distributionArn?: pulumi.Output<string>;
  /** The distribution (ARN, domain, Route 53 alias zone), when there is one. */
  public readonly distribution?: CdnDistribution;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:SecureBucket", name, {}, opts);
    const stateful = { parent: this, protect: args.protect ?? false };
    const awsRole = `${args.namePrefix}-${args.role}`;
    const keyServices: ServiceGrant[] = [
      ...(args.writerServices ?? []).map((service) => ({
        service,
        condition: { StringEquals: { "aws:SourceAccount": args.identity.accountId } },
      })),
      ...(args.cloudFront
        ? [
            {
              service: "cloudfront.amazonaws.com",
              condition: { ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${args.identity.partition}:cloudfront::${args.identity.accountId}:distribution/*` } },
            },
          ]
        : []),
    ];
    const key =
      (args.encryption ?? "SSE-KMS") === "SSE-KMS"
        ? createKmsKey(`${name}-key`, { description: args.description, identity: args.identity, services: keyServices, alias: `${args.namePrefix}/s3/${args.role}` }, stateful)
        : undefined;
    const suffix = new random.RandomString(`${name}-suffix`, { length: 8, special: false, upper: false }, { parent: this });
    const bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      {
        bucket: suffix.result.apply((s) => bucketName(args.namePrefix, args.role, s)),
        objectLockEnabled: args.objectLock !== undefined,
        forceDestroy: false,
        tags: { Name: awsRole },
      },
      stateful,
    );
    const pab = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      { parent: this },
    );
    new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, { parent: this });
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: bucket.id,
        rules: key
          ? [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }]
          : [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      },
      { parent: this },
    );
    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, { parent: this });
    const logging = accessLogging(args.accessLogs, args.role);
    if (logging) new aws.s3.BucketLogging(`${name}-logging`, { bucket: bucket.id, ...logging }, { parent: this });
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket: bucket.id,
        rules: [
          { id: "abort-incomplete-multipart", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
          { id: "expire-noncurrent-versions", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays } },
          ...(args.expireAfterDays !== undefined
            ? [{ id: "expire-objects", status: "Enabled", filter: {}, expiration: { days: args.expireAfterDays } }]
            : []),
        ],
      },
      { parent: this, dependsOn: [versioning] },
    );
    if (args.objectLock !== undefined) {
      new aws.s3.BucketObjectLockConfiguration(
        `${name}-object-lock`,
        { bucket: bucket.id, objectLockEnabled: "Enabled", rule: { defaultRetention: defaultRetention(args.objectLock) } },
        { parent: this, dependsOn: [versioning] },
      );
    }

    const statements: pulumi.Input<Record<string, unknown>>[] = [denyInsecureTransport(bucket.arn)];
    for (const service of args.writerServices ?? []) {
      statements.push({
        Sid: `${service.split(".")[0].replace(/[^A-Za-z0-9]/g, "")}Writes`,
        Effect: "Allow",
        Principal: { Service: service },
        Action: "s3:PutObject",
        Resource: pulumi.interpolate`${bucket.arn}/*`,
        Condition: { StringEquals: { "aws:SourceAccount": args.identity.accountId } },
      });
    }
    statements.push(...(args.policyStatements?.(bucket.arn) ?? []));
    if (args.cloudFront) {
      const edge = args.cloudFrontEdge;
      const oac = new aws.cloudfront.OriginAccessControl(
        `${name}-oac`,
        { name: awsRole, description: `${awsRole}: CloudFront signs every request to the bucket.`, originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4" },
        { parent: this },
      );
      const distribution = new aws.cloudfront.Distribution(
        `${name}-cdn`,
        {
          enabled: true,
          comment: `${awsRole}: served from the private bucket through origin access control.`,
          httpVersion: "http2and3",
          isIpv6Enabled: true,
          priceClass: "PriceClass_100",
          origins: [{ originId: "bucket", domainName: bucket.bucketRegionalDomainName, originAccessControlId: oac.id }],
          defaultCacheBehavior: {
            targetOriginId: "bucket",
            viewerProtocolPolicy: "redirect-to-https",
            allowedMethods: ["GET", "HEAD"],
            cachedMethods: ["GET", "HEAD"],
            compress: true,
            // The AWS managed "CachingOptimized" cache policy.
            cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
          },
          restrictions: { geoRestriction: { restrictionType: "none" } },
          viewerCertificate: edge?.customDomain
            ? { acmCertificateArn: edge.customDomain.certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }
            : { cloudfrontDefaultCertificate: true },
          ...(edge?.customDomain ? { aliases: [edge.customDomain.name] } : {}),
          ...(edge ? { webAclId: edge.webAclArn } : {}),
          tags: { Name: awsRole },
        },
        { parent: this },
      );
      statements.push({
        Sid: "CloudFrontReads",
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "s3:GetObject",
        Resource: pulumi.interpolate`${bucket.arn}/*`,
        Condition: { StringEquals: { "AWS:SourceArn": distribution.arn } },
      });
      this.distributionDomain = distribution.domainName;
      this.distributionArn = distribution.arn;
      this.distribution = { arn: distribution.arn, domainName: distribution.domainName, hostedZoneId: distribution.hostedZoneId };
    }
    new aws.s3.BucketPolicy(`${name}-policy`, { bucket: bucket.id, policy: policyDocument(statements) }, { parent: this, dependsOn: [pab] });

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.kmsKeyArn = key?.arn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn, kmsKeyArn: this.kmsKeyArn, distributionDomain: this.distributionDomain });
  }
}
