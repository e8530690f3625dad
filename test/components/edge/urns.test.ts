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

/**
 * The gateway's target groups, one per service, their name suffixes and their bindings:
 * renaming one replaces the target group (its rule moves to the new one, the controller
 * re-registers the pods). They replaced the single `edge-gateway` target group and its
 * `edge-target-group-binding` (issue 10: 5xx and latency per service).
 */
const ROUTING = ["order", "product", "user"].flatMap((svc) => [
  `${E}$aws:lb/targetGroup:TargetGroup::edge-gateway-${svc}`,
  `${E}$random:index/randomString:RandomString::edge-gateway-${svc}-suffix`,
  `${E}$kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding::edge-target-group-binding-${svc}`,
]);

describe("edge URN pins (prod)", () => {
  const urns = new Set(loadPlan("prod").resources.map((r) => r.urn));
  it.each(PINNED)("still has %s", (urn) => {
    expect(urns.has(urn), `edge resource renamed or re-parented: ${urn}; add an alias and update the pin`).toBe(true);
  });
  it.each(ROUTING)("has the per-service routing resource %s", (urn) => {
    expect(urns.has(urn), `edge routing resource renamed or re-parented: ${urn}; update the pin deliberately`).toBe(true);
  });
  it("pins every target group and binding of the edge; the single gateway target group and its binding are gone", () => {
    const routing = [...urns].filter((u) => u.includes("$platform:edge:Edge$") && /\$(aws:lb\/targetGroup|kubernetes:elbv2\.k8s\.aws\/v1beta1:TargetGroupBinding)/.test(u));
    expect(routing.filter((u) => !ROUTING.includes(u))).toEqual([]);
    expect(urns.has(`${E}$aws:lb/targetGroup:TargetGroup::edge-gateway`)).toBe(false);
    expect(urns.has(`${E}$kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding::edge-target-group-binding`)).toBe(false);
  });
  it("pins every stateful resource of the edge", () => {
    const stateful = [...urns].filter((u) => u.includes("$platform:edge:") && /\$aws:(lb\/loadBalancer|wafv2\/webAcl|acm\/certificate|kms\/key|cloudwatch\/logGroup|s3\/bucket):/.test(u));
    expect(stateful.filter((u) => !PINNED.includes(u))).toEqual([]);
  });
});
