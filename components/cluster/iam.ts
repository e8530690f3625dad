/* The OIDC provider's thumbprint. Trust policies and managed-policy ARNs: ../shared/iam.ts. */

/**
 * Where the Auto Scaling service-linked role (`AWSServiceRoleForAutoScaling`), which the
 * node volumes key names, comes from: `create` makes it (a fresh account has none, and KMS
 * rejects a key policy naming a principal that does not exist); `existing` uses the one
 * the account already has (IAM refuses to create it twice, e.g. for a second stack).
 */
export const SERVICE_LINKED_ROLE_MODES = ["create", "existing"] as const;
export type ServiceLinkedRoleMode = (typeof SERVICE_LINKED_ROLE_MODES)[number];

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
