import * as pulumi from "@pulumi/pulumi";

/**
 * Where the Auto Scaling service-linked role (`AWSServiceRoleForAutoScaling`), which the
 * node volumes key names, comes from: `create` makes it (a fresh account has none, and KMS
 * rejects a key policy naming a principal that does not exist); `existing` uses the one
 * the account already has (IAM refuses to create it twice, e.g. for a second stack).
 */
export const SERVICE_LINKED_ROLE_MODES = ["create", "existing"] as const;
export type ServiceLinkedRoleMode = (typeof SERVICE_LINKED_ROLE_MODES)[number];

/** The audience IRSA tokens carry. */
export const STS_AUDIENCE = "sts.amazonaws.com";

/** `arn:<partition>:iam::aws:policy/<path>`: an AWS managed policy. */
export function managedPolicyArn(partition: pulumi.Input<string>, path: string): pulumi.Output<string> {
  return pulumi.interpolate`arn:${partition}:iam::aws:policy/${path}`;
}

/** A trust policy letting one AWS service assume the role. */
export function serviceTrustPolicy(service: string): pulumi.Output<string> {
  return pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}

/** The OIDC issuer without its scheme, as IAM condition keys spell it. */
export function issuerHost(issuerUrl: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(issuerUrl).apply((url) => url.replace(/^https:\/\//, ""));
}

/** What the thumbprint is chosen from: the fields of `tls.getCertificate`'s certificates. */
export interface ChainCertificate {
  readonly subject: string;
  readonly issuer: string;
  readonly isCa: boolean;
  readonly sha1Fingerprint: string;
}

/**
 * The SHA-1 thumbprint IAM expects for an OIDC provider: that of the root CA of the
 * issuer's chain, never the leaf (which rotates, and would break IRSA when it does).
 * The root is the self-signed CA; when the server does not send it, the top CA of the
 * chain it sent (the one whose issuer is not in the chain). The order of the list does
 * not matter (`tls.getCertificate` puts the root first).
 *
 * @throws Error when the chain holds no CA certificate.
 */
export function rootCaThumbprint(certificates: readonly ChainCertificate[]): string {
  const cas = certificates.filter((c) => c.isCa);
  const root =
    cas.find((c) => c.issuer === c.subject) ?? cas.find((c) => !certificates.some((other) => other !== c && other.subject === c.issuer));
  if (!root) throw new Error(`the OIDC issuer's chain has no CA certificate (subjects: ${certificates.map((c) => c.subject).join("; ") || "none"})`);
  return root.sha1Fingerprint.toLowerCase();
}

/** `system:serviceaccount:<ns>:<sa>`: the subject of a service account's tokens. */
function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

export interface IrsaTrustArgs {
  /** The cluster's IAM OIDC provider. */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** The issuer host (no `https://`), e.g. `oidc.eks.us-east-1.amazonaws.com/id/ABC`. */
  readonly issuerHost: pulumi.Input<string>;
  /** The service account's namespace. */
  readonly namespace: string;
  /** The service account's name. */
  readonly serviceAccount: string;
}

/**
 * An IRSA trust policy scoped to exactly one service account: `sub` must equal
 * `system:serviceaccount:<ns>:<sa>` and `aud` must be STS (StringEquals, no wildcards).
 */
export function irsaTrustPolicy(args: IrsaTrustArgs): pulumi.Output<string> {
  const condition = pulumi.output(args.issuerHost).apply((host) => ({
    StringEquals: {
      [`${host}:sub`]: serviceAccountSubject(args.namespace, args.serviceAccount),
      [`${host}:aud`]: STS_AUDIENCE,
    },
  }));
  return pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: args.oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: condition,
      },
    ],
  });
}
