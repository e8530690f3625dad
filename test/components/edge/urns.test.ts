import { describe, expect, it } from "vitest";
import { loadPlan } from "../../support/plans";

const S = "urn:pulumi:prod::platform::";
const E = `${S}platform:edge:Edge`;
const C = `${S}platform:edge:CdnFront`;
/**
 * The edge's resources whose replacement hurts: the ALB (its DNS name changes), the web
 * ACLs, the certificates, the keys, the log groups and the log bucket. Renaming or
 * re-parenting one replaces it; add an alias before updating a pin.
 */
const PINNED = [
  `${E}$aws:lb/loadBalancer:LoadBalancer::edge-alb`,
  `${E}$aws:wafv2/webAcl:WebAcl::edge-waf-acl`,
  `${E}$aws:acm/certificate:Certificate::edge-cert`,
  `${E}$aws:kms/key:Key::edge-waf-logs-key`,
  `${E}$aws:cloudwatch/logGroup:LogGroup::edge-waf-logs`,
  `${E}$platform:data:SecureBucket$aws:s3/bucket:Bucket::edge-alb-logs-bucket`,
  `${C}$aws:wafv2/webAcl:WebAcl::cdn-waf-acl`,
  `${C}$aws:acm/certificate:Certificate::cdn-cert`,
  `${C}$aws:kms/key:Key::cdn-logs-key`,
  `${C}$aws:cloudwatch/logGroup:LogGroup::cdn-waf-logs`,
  `${C}$aws:cloudwatch/logGroup:LogGroup::cdn-access-logs`,
];

describe("edge URN pins (prod)", () => {
  const urns = new Set(loadPlan("prod").resources.map((r) => r.urn));
  it.each(PINNED)("still has %s", (urn) => {
    expect(urns.has(urn), `edge resource renamed or re-parented: ${urn}; add an alias and update the pin`).toBe(true);
  });
  it("pins every stateful resource of the edge", () => {
    const stateful = [...urns].filter((u) => u.includes("$platform:edge:") && /\$aws:(lb\/loadBalancer|wafv2\/webAcl|acm\/certificate|kms\/key|cloudwatch\/logGroup|s3\/bucket):/.test(u));
    expect(stateful.filter((u) => !PINNED.includes(u))).toEqual([]);
  });
});
