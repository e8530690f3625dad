import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Security policies that negotiate TLS 1.2 or newer only. */
export const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)/;

/** HTTPS and TLS listeners negotiate TLS 1.2 or newer. */
export const awsLbListenerTlsPolicy = resourcePolicyOfTypes(
  {
    name: "aws-lb-listener-tls-policy",
    description: "HTTPS and TLS listeners use a security policy that allows TLS 1.2 or newer only.",
    severity: "high",
    remediationSteps: "Set sslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or another TLS 1.2+ policy) on every HTTPS listener.",
    frameworks: ["CP aws-alb-listener-configure-secure-tls", "CKV_AWS_103", "FSBP ELB.17"],
    seed: true,
  },
  [aws.lb.Listener, aws.alb.Listener],
  (props) => {
    if (props.protocol !== "HTTPS" && props.protocol !== "TLS") return undefined;
    if (!props.sslPolicy) return `The ${props.protocol} listener has no sslPolicy, so it gets the default policy that still allows TLS 1.0.`;
    return TLS12_POLICY.test(props.sslPolicy) ? undefined : `sslPolicy ${props.sslPolicy} allows TLS versions older than 1.2.`;
  },
);
