import { z } from "zod";
import { DNS_NAME } from "./compute";

/** One DNS label: lowercase letters, digits and inner hyphens, 1-63 characters. */
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** How the catalog's CloudFront distribution is addressed and which certificate it serves. */
const CATALOG_CERTIFICATES = [
  /** `<cdnHost>.<domain>` with an ACM certificate (us-east-1, DNS-validated) and TLSv1.2_2021 as the minimum. */
  "Custom",
  /** The distribution's own `*.cloudfront.net` name and CloudFront's default certificate, whose minimum protocol CloudFront fixes (TLSv1); no DNS record. */
  "CloudFrontDefault",
] as const;

/** AWS WAF's bounds for a rate-based rule's limit, in requests per evaluation window per IP. */
const WAF_RATE_LIMIT = { min: 10, max: 2_000_000_000 } as const;

const label = (example: string) =>
  z.string().regex(DNS_LABEL).describe(`one DNS label (lowercase letters, digits and inner hyphens, up to 63 characters), e.g. ${example}`);

/**
 * The public edge (platform.md, "Edge / public tier"): the domain and its Route 53 zone,
 * the host names of the API and the catalog CDN, the WAF's per-IP rate limit and the
 * ALB's idle timeout.
 */
export const edgeSchema = z
  .object({
    /**
     * The public domain: the API is `https://<apiHost>.<domain>`, the catalog CDN `<cdnHost>.<domain>`.
     * @default - none: the stack file sets it (the shipped values are examples `pulumi up` refuses).
     */
    domain: z.string().regex(DNS_NAME).describe("a DNS domain with a public Route 53 hosted zone in this account, e.g. example.com"),
    /**
     * The ID of the domain's public Route 53 hosted zone in this account (DNS records and ACM validation).
     * @default - none: the stack file sets it.
     */
    hostedZoneId: z
      .string()
      .regex(/^Z[A-Z0-9]{8,31}$/)
      .describe("the ID of the domain's public Route 53 hosted zone, e.g. Z0123456789ABCDEFGHIJ"),
    /**
     * The API's DNS label under the domain (also added to `mesh.ingressHosts`).
     * @default - `api` in both environments (stacks/profiles.ts).
     */
    apiHost: label("api"),
    /**
     * The catalog CDN's DNS label under the domain.
     * @default - `cdn` in both environments (stacks/profiles.ts).
     */
    cdnHost: label("cdn"),
    /**
     * How the catalog's CloudFront distribution is addressed: its own name on an ACM certificate, or
     * the cloudfront.net name and CloudFront's default certificate.
     * @default - `Custom` in both environments (stacks/profiles.ts).
     */
    catalogCertificate: z.enum(CATALOG_CERTIFICATES).describe(CATALOG_CERTIFICATES.join(" | ")),
    /**
     * Requests per 5 minutes from one client IP before the regional web ACL blocks it.
     * @default - 2000 in both environments (stacks/profiles.ts).
     */
    wafRateLimit: z
      .number()
      .int()
      .min(WAF_RATE_LIMIT.min)
      .max(WAF_RATE_LIMIT.max)
      .describe(`a whole number of requests per 5 minutes per client IP from ${WAF_RATE_LIMIT.min} to ${WAF_RATE_LIMIT.max}`),
    /**
     * The ALB's idle connection timeout, in seconds.
     * @default - 60 in both environments (stacks/profiles.ts).
     */
    idleTimeoutSeconds: z.number().int().min(1).max(4000).describe("a whole number of seconds from 1 to 4000"),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.apiHost === e.cdnHost) {
      ctx.addIssue({ code: "custom", path: ["cdnHost"], message: `must differ from edge.apiHost (${e.apiHost}): the API and the catalog CDN need their own names` });
    }
  })
  .describe("domain and hostedZoneId (required); apiHost, cdnHost, catalogCertificate, wafRateLimit and idleTimeoutSeconds (optional)");

export type EdgeSettings = z.output<typeof edgeSchema>;

/** `<apiHost>.<domain>`, e.g. `api.example.com`: the ALB's record and certificate. */
export function apiHostName(edge: Pick<EdgeSettings, "apiHost" | "domain">): string {
  return `${edge.apiHost}.${edge.domain}`;
}

/** `<cdnHost>.<domain>` when the catalog has its own name, else nothing (the cloudfront.net name). */
export function catalogHostName(edge: Pick<EdgeSettings, "cdnHost" | "domain" | "catalogCertificate">): string | undefined {
  return edge.catalogCertificate === "Custom" ? `${edge.cdnHost}.${edge.domain}` : undefined;
}

/**
 * The hosts the mesh's gateway serves: the configured ones plus the API's public name
 * (the ALB forwards the client's Host header, so the Gateway and VirtualServices must
 * match it). Order kept, no duplicates.
 */
export function meshIngressHosts(ingressHosts: readonly string[], edge: Pick<EdgeSettings, "apiHost" | "domain">): string[] {
  return [...new Set([...ingressHosts, apiHostName(edge)])];
}
