import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { SettingsError, configTree, resolveSettings } from "../../stacks";
import { apiHostName, catalogHostName, meshIngressHosts } from "../../stacks/edge";
import { readStackConfig } from "../../tools/plan/config";
import type { PlanDocument } from "../../tools/plan/types";
import { runPlan } from "../support/run";

const ROOT = path.resolve(__dirname, "../..");
const tree = (stack: string, overrides: string[] = []) => configTree(readStackConfig(ROOT, stack, overrides).values);
function errorFor(overrides: string[]): string {
  try {
    resolveSettings("prod", tree("prod", overrides));
  } catch (err) {
    expect(err).toBeInstanceOf(SettingsError);
    return (err as Error).message;
  }
  throw new Error(`no error for ${overrides.join(" ")}`);
}
const P = "Invalid settings for stack 'prod': platform:edge.";

describe("edge settings", () => {
  it("takes the domain and zone from the stack file and defaults the rest", () => {
    expect(resolveSettings("prod", tree("prod")).edge).toEqual({
      domain: "example.com",
      hostedZoneId: "Z0PRODEXAMPLE0000000",
      apiHost: "api",
      cdnHost: "cdn",
      catalogCertificate: "Custom",
      wafRateLimit: 2000,
      idleTimeoutSeconds: 60,
    });
    expect(resolveSettings("dev", tree("dev")).edge.domain).toBe("dev.example.com");
  });

  it.each([
    [["edge.domain=Example..com"], `domain = "Example..com" has the wrong format; allowed: a DNS domain with a public Route 53 hosted zone in this account, e.g. example.com`],
    [["edge.hostedZoneId=abc"], `hostedZoneId = "abc" has the wrong format; allowed: the ID of the domain's public Route 53 hosted zone, e.g. Z0123456789ABCDEFGHIJ`],
    [["edge.apiHost=API_1"], `apiHost = "API_1" has the wrong format; allowed: one DNS label (lowercase letters, digits and inner hyphens, up to 63 characters), e.g. api`],
    [["edge.cdnHost=api"], `cdnHost = "api" must differ from edge.apiHost (api): the API and the catalog CDN need their own names; allowed: one DNS label (lowercase letters, digits and inner hyphens, up to 63 characters), e.g. cdn`],
    [["edge.wafRateLimit=5"], `wafRateLimit = 5 is out of range; allowed: a whole number of requests per 5 minutes per client IP from 10 to 2000000000`],
    [["edge.catalogCertificate=None"], `catalogCertificate = "None" is not one of the allowed values; allowed: Custom | CloudFrontDefault`],
    [["edge.idleTimeoutSeconds=0"], `idleTimeoutSeconds = 0 is out of range; allowed: a whole number of seconds from 1 to 4000`],
  ])("%j: one line naming the setting, the value and what is allowed", (overrides, message) => {
    expect(errorFor(overrides)).toBe(P + message);
  });

  it("requires the edge's domain and hosted zone (the profile has the rest)", () => {
    const { edge: _edge, ...rest } = tree("prod") as Record<string, unknown>;
    expect(() => resolveSettings("prod", rest)).toThrow(
      "Invalid settings for stack 'prod': platform:edge.domain is missing; allowed: a DNS domain with a public Route 53 hosted zone in this account, e.g. example.com | platform:edge.hostedZoneId is missing; allowed: the ID of the domain's public Route 53 hosted zone, e.g. Z0123456789ABCDEFGHIJ",
    );
  });

  it("derives the public names and adds the API's to the gateway's hosts once", () => {
    const edge = { domain: "example.com", apiHost: "api", cdnHost: "static", catalogCertificate: "Custom" as const };
    expect(apiHostName(edge)).toBe("api.example.com");
    expect(catalogHostName(edge)).toBe("static.example.com");
    expect(catalogHostName({ ...edge, catalogCertificate: "CloudFrontDefault" })).toBeUndefined();
    expect(meshIngressHosts(["api.platform.internal"], edge)).toEqual(["api.platform.internal", "api.example.com"]);
    expect(meshIngressHosts(["api.example.com"], edge)).toEqual(["api.example.com"]);
  });
});

describe("the catalog without a custom name", () => {
  it("keeps CloudFront's default certificate and name: no us-east-1 certificate, no cdn record, WAF and access logs unchanged", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "edge-")), "plan.json");
    const result = await runPlan("--stack", "dev", "--config", "edge.catalogCertificate=CloudFrontDefault", "--json", file);
    expect(result.status, result.stderr).toBe(0);
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as PlanDocument;
    const named = (n: string) => doc.resources.filter((r) => r.name === n);
    const dist = named("data-product-catalog-cdn")[0];
    expect(dist.inputs.viewerCertificate).toEqual({ cloudfrontDefaultCertificate: true });
    expect(dist.inputs.aliases).toBeUndefined();
    expect(dist.inputs.webAclId).toBe("arn:aws:wafv2:us-east-1:123456789012:webacl/cdn-waf-acl");
    expect([named("cdn-cert"), named("edge-cdn-record")]).toEqual([[], []]);
    expect(named("edge-cdn-log-source")).toHaveLength(1);
    expect(doc.outputs.edge).toMatchObject({ cdnDomain: "data-product-catalog-cdn.cloudfront.net" });
  }, 120_000);
});
