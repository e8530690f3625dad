import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ValidatedCertificateArgs {
  /** The certificate's one name, e.g. `api.example.com`. */
  readonly domainName: string;
  /** The public hosted zone the DNS validation record goes into. */
  readonly hostedZoneId: pulumi.Input<string>;
}

/** The certificate and the validation that waits for ACM to issue it. */
export interface ValidatedCertificate {
  readonly certificate: aws.acm.Certificate;
  readonly validation: aws.acm.CertificateValidation;
  /** The ARN, available once the certificate is issued: listeners and distributions use this. */
  readonly arn: pulumi.Output<string>;
}

/**
 * An ACM certificate for one name, validated by DNS: ACM's CNAME goes into the hosted
 * zone and `CertificateValidation` waits until the certificate is issued (and renews
 * itself while the record stays). The certificate's region is the provider's: us-east-1
 * for CloudFront, the stack's region for the ALB.
 */
export function createValidatedCertificate(name: string, args: ValidatedCertificateArgs, opts: pulumi.CustomResourceOptions): ValidatedCertificate {
  const certificate = new aws.acm.Certificate(
    name,
    { domainName: args.domainName, validationMethod: "DNS", keyAlgorithm: "EC_prime256v1", tags: { Name: args.domainName } },
    opts,
  );
  // One name, so exactly one validation option; its record is known once ACM answers.
  const option = certificate.domainValidationOptions[0];
  const record = new aws.route53.Record(
    `${name}-validation`,
    {
      zoneId: args.hostedZoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 300,
      allowOverwrite: true,
    },
    { parent: opts.parent },
  );
  const validation = new aws.acm.CertificateValidation(
    `${name}-validated`,
    { certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn] },
    { parent: opts.parent, provider: opts.provider },
  );
  return { certificate, validation, arn: validation.certificateArn };
}
