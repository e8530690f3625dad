import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ELB_LOG_ACCOUNTS, ELB_LOG_DELIVERY_SERVICE, elbLogWriter } from "../../../components/edge/accessLogs";
import { ALB_TLS_POLICY, TARGET_GROUP_NAME_MAX, apiRouteConditions, targetGroupName } from "../../../components/edge/alb";
import { gatewayIngressPolicy, targetGroupBinding } from "../../../components/edge/gatewayBinding";
import { LBC_DESCRIBE_ACTIONS } from "../../../components/edge/loadBalancerController";
import { webAclRules } from "../../../components/edge/waf";
import { TLS12_POLICY } from "../../../policies/rules/aws/lb/aws-lb-listener-tls-policy";
import { configTree, resolveSettings } from "../../../stacks";
import { readStackConfig } from "../../../tools/plan/config";

describe("ALB log writer per Region", () => {
  it.each([
    ["us-east-1", { AWS: "arn:aws:iam::127311923021:root" }],
    ["eu-west-1", { AWS: "arn:aws:iam::156460612806:root" }],
    ["us-gov-west-1", { AWS: "arn:aws:iam::048591011584:root" }],
    ["ap-southeast-4", { Service: ELB_LOG_DELIVERY_SERVICE }],
    ["eu-central-2", { Service: ELB_LOG_DELIVERY_SERVICE }],
  ])("%s", (region, writer) => {
    expect(elbLogWriter(region, "aws")).toEqual(writer);
  });
  it("lists every pre-August-2022 Region once, with a 12-digit account", () => {
    expect(Object.keys(ELB_LOG_ACCOUNTS)).toHaveLength(26);
    for (const a of Object.values(ELB_LOG_ACCOUNTS)) expect(a).toMatch(/^\d{12}$/);
    expect(new Set(Object.values(ELB_LOG_ACCOUNTS)).size).toBe(26);
  });
});

describe("web ACL rules", () => {
  it("orders the rules cheapest first and keeps the managed groups' own actions", () => {
    const rules = webAclRules({ metricPrefix: "p", rateLimit: 500 });
    expect(rules.map((r) => [r.priority, r.name, r.overrideAction ?? r.action])).toEqual([
      [0, "AWSManagedRulesAmazonIpReputationList", { none: {} }],
      [1, "rate-limit-per-ip", { block: {} }],
      [2, "AWSManagedRulesCommonRuleSet", { none: {} }],
      [3, "AWSManagedRulesKnownBadInputsRuleSet", { none: {} }],
      [4, "AWSManagedRulesSQLiRuleSet", { none: {} }],
    ]);
    expect(rules[1].statement).toEqual({ rateBasedStatement: { limit: 500, aggregateKeyType: "IP", evaluationWindowSec: 300 } });
  });
  it("leaves SQLi out on request, and makes metric names WAF accepts", () => {
    const rules = webAclRules({ metricPrefix: "platform prod/cdn", rateLimit: 10, sqli: false });
    expect(rules.map((r) => r.name)).not.toContain("AWSManagedRulesSQLiRuleSet");
    for (const r of rules) expect((r.visibilityConfig as { metricName: string }).metricName).toMatch(/^[A-Za-z0-9_-]{1,255}$/);
  });
});

describe("ALB routes and the gateway binding", () => {
  /** CreateTargetGroup's rule: at most 32 alphanumerics or hyphens, no hyphen first or last. */
  const AWS_TG_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
  it("names every service's target group within 32 characters, up to the longest service name the settings allow (32)", () => {
    expect(TARGET_GROUP_NAME_MAX).toBe(32);
    const longest = `a${"b-".repeat(15)}c`; // 32 characters, a hyphen where the cut falls
    expect(longest).toHaveLength(32);
    for (const service of ["user", "x", longest, "a".repeat(32), `${"a".repeat(22)}-${"b".repeat(9)}`]) {
      const name = targetGroupName(service, "k3j9x2ab");
      expect(name.length, name).toBeLessThanOrEqual(32);
      expect(name).toMatch(AWS_TG_NAME);
      expect(name.endsWith("-k3j9x2ab")).toBe(true);
    }
    expect(targetGroupName("user", "k3j9x2ab")).toBe("user-k3j9x2ab");
    // 32 is the longest service name the settings take.
    const withService = (name: string) => () =>
      resolveSettings("prod", configTree(readStackConfig(path.resolve(__dirname, "../../.."), "prod", [`services.${name}.image=repo/x:1.0.0`, `services.${name}.port=8080`]).values));
    expect(Object.keys(withService(longest)().services)).toContain(longest);
    expect(withService(`${longest}d`)).toThrow(/is not a valid service name/);
    expect(targetGroupName("a".repeat(32), "k3j9x2ab")).toBe(`${"a".repeat(23)}-k3j9x2ab`);
    expect(targetGroupName(`${"a".repeat(22)}-${"b".repeat(9)}`, "k3j9x2ab")).toBe(`${"a".repeat(22)}-k3j9x2ab`);
  });
  it("forwards each prefix and what is under it, once and sorted", () => {
    expect(apiRouteConditions("api.example.com", { user: "/users", order: "/orders" })).toEqual([
      { service: "order", prefix: "/orders", conditions: [{ hostHeader: { values: ["api.example.com"] } }, { pathPattern: { values: ["/orders", "/orders/*"] } }] },
      { service: "user", prefix: "/users", conditions: [{ hostHeader: { values: ["api.example.com"] } }, { pathPattern: { values: ["/users", "/users/*"] } }] },
    ]);
  });
  it("uses a listener policy the TLS policy accepts", () => {
    expect(TLS12_POLICY.test(ALB_TLS_POLICY)).toBe(true);
  });
  it("binds by IP with no networking block (the security-group rules are Pulumi's)", () => {
    const tgb = targetGroupBinding({ namespace: "ns", service: "user", serviceName: "gw", servicePort: 443, targetGroupArn: "arn", vpcId: "vpc" });
    expect(tgb.metadata.name).toBe("edge-alb-user");
    expect(tgb.spec).not.toHaveProperty("networking");
    expect(tgb.spec.targetType).toBe("ip");
  });
  it("admits the public subnets to both gateway ports and the nodes to the status port only", () => {
    const spec = gatewayIngressPolicy({ istio: "ingressgateway" }, { https: 443, health: 15021 }, ["10.0.128.0/21"], ["10.0.0.0/20"]);
    expect(spec.ingress).toEqual([
      { from: [{ ipBlock: { cidr: "10.0.128.0/21" } }], ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 15021 }] },
      { from: [{ ipBlock: { cidr: "10.0.0.0/20" } }], ports: [{ protocol: "TCP", port: 15021 }] },
      // Prometheus's pods only, on the merged metrics only.
      {
        from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "observability" } }, podSelector: { matchLabels: { "platform/monitoring": "prometheus" } } }],
        ports: [{ protocol: "TCP", port: 15020 }],
      },
    ]);
  });
  it("gives the controller only read-only discovery calls outside its one target group", () => {
    for (const a of LBC_DESCRIBE_ACTIONS) expect(a).toMatch(/^(ec2|elasticloadbalancing):(Describe|Get)/);
  });
});
