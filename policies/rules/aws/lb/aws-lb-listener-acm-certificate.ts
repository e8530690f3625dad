import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** HTTPS listeners serve an ACM certificate. */
export const awsLbListenerAcmCertificate = resourcePolicyOfTypes(
  {
    name: "aws-lb-listener-acm-certificate",
    description: "HTTPS and TLS listeners serve a certificate from AWS Certificate Manager, so it is renewed automatically.",
    severity: "medium",
    remediationSteps: "Issue the certificate with aws.acm.Certificate (DNS-validated) and pass its ARN as certificateArn.",
    frameworks: ["NAG PCI.DSS.321-ELBACMCertificateRequired"],
    seed: true,
  },
  [aws.lb.Listener, aws.alb.Listener],
  (props) => {
    if (props.protocol !== "HTTPS" && props.protocol !== "TLS") return undefined;
    if (!props.certificateArn) return `The ${props.protocol} listener has no certificateArn.`;
    return /^arn:aws[a-z-]*:acm:/.test(props.certificateArn) ? undefined : `certificateArn ${props.certificateArn} is not an ACM certificate.`;
  },
);
