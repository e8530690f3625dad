import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE_VALUES, SettingsError, configTree, exampleValueProblems, merge, resolveSettings } from "../../stacks";
import { isDocumentationCidr, isExampleDomain, valuesAt } from "../../stacks/examples";
import { readStackConfig } from "../../tools/plan/config";
import { recordProgram } from "../../tools/plan/record";

const ROOT = path.resolve(__dirname, "../..");
const stackTree = (stack: string, overrides: string[] = []) => configTree(readStackConfig(ROOT, stack, overrides).values);
const UP = { dryRun: false };
const PREVIEW = { dryRun: true };
const REFUSED = "is an example value, which pulumi up refuses (preview and the offline plan accept it)";

function upError(stack: "dev" | "prod", overrides: string[] = []): string {
  try {
    resolveSettings(stack, stackTree(stack, overrides), UP);
  } catch (err) {
    expect(err).toBeInstanceOf(SettingsError);
    return (err as Error).message;
  }
  throw new Error("no error");
}

describe("example values", () => {
  it("are accepted in a dry run (preview, the offline plan), for both stack files as shipped", () => {
    expect(resolveSettings("dev", stackTree("dev"), PREVIEW).mesh.jwt.issuer).toBe("https://auth.company.com");
    expect(resolveSettings("prod", stackTree("prod"), PREVIEW).cluster.publicAccessCidrs).toEqual([]);
    // The default is a dry run, so pure callers (tests, tools) see what preview sees.
    expect(() => resolveSettings("dev", stackTree("dev"))).not.toThrow();
  });

  it("pulumi up refuses prod's sample IdP with one line naming the stack, each setting and its value", () => {
    const message = upError("prod");
    expect(message.split("\n")).toHaveLength(1);
    expect(message.startsWith("Invalid settings for stack 'prod': ")).toBe(true);
    expect(message).toContain(`platform:mesh.jwt.issuer = "https://auth.company.com" ${REFUSED}; allowed: the issuer of your own identity provider`);
    expect(message).toContain(`platform:mesh.jwt.jwksUri = "https://auth.company.com/.well-known/jwks.json" ${REFUSED}`);
    expect(message).toContain(`platform:mesh.jwt.audiences[0] = "api.company.com" ${REFUSED}`);
    expect(message).not.toContain("publicAccessCidrs");
  });

  it("pulumi up refuses the edge's example domain and zone and the documentation range for Stripe", () => {
    const message = upError("prod");
    expect(message).toContain(`platform:edge.domain = "example.com" ${REFUSED}; allowed: a public domain your organisation owns`);
    expect(message).toContain(`platform:edge.hostedZoneId = "Z0PRODEXAMPLE0000000" ${REFUSED}; allowed: the ID of the public Route 53 hosted zone of edge.domain`);
    expect(message).toContain(`platform:services.order.egressCidrs[0] = "203.0.113.0/24" ${REFUSED}`);
    expect(upError("dev")).toContain(`platform:edge.domain = "dev.example.com" ${REFUSED}`);
  });

  it("pulumi up refuses dev's documentation range for the public endpoint", () => {
    expect(upError("dev")).toContain(
      `platform:cluster.publicAccessCidrs[0] = "198.51.100.0/24" ${REFUSED}; allowed: your operators' public egress range (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 are RFC 5737 documentation ranges)`,
    );
  });

  it("pulumi up accepts the stack once the example values are replaced", () => {
    const real = [
      "mesh.jwt.issuer=https://login.acme-corp.io",
      "mesh.jwt.jwksUri=https://login.acme-corp.io/.well-known/jwks.json",
      "mesh.jwt.audiences[0]=api.acme-corp.io",
      "services.order.egressCidrs[0]=52.94.8.0/24",
      "edge.domain=acme-corp.io",
      "edge.hostedZoneId=Z08151234ABCDEFGHIJKL",
    ];
    expect(resolveSettings("prod", stackTree("prod", real), UP).mesh.jwt.issuer).toBe("https://login.acme-corp.io");
    const dev = merge(stackTree("dev", real), { cluster: { publicAccessCidrs: ["52.94.0.0/22"] } });
    expect(resolveSettings("dev", dev, UP).cluster.publicAccessCidrs).toEqual(["52.94.0.0/22"]);
  });

  it.each([
    ["an example.com egress host", ["services.order.egressHosts[0]=api.example.com"], 'platform:services.order.egressHosts[0] = "api.example.com"'],
    ["a .test ingress host", ["mesh.ingressHosts[0]=api.platform.test"], 'platform:mesh.ingressHosts[0] = "api.platform.test"'],
  ])("pulumi up refuses %s", (_what, overrides, expected) => {
    expect(upError("prod", overrides)).toContain(`${expected} ${REFUSED}`);
  });

  it("tells example domains and documentation ranges apart from real ones", () => {
    expect(["https://auth.company.com", "company.com", "API.EXAMPLE.ORG", "x.example", "https://idp.test/jwks"].map(isExampleDomain)).toEqual([true, true, true, true, true]);
    expect(["https://auth.mycompany.com", "company.community", "api.stripe.com", "not a url://"].map(isExampleDomain)).toEqual([false, false, false, false]);
    expect(["192.0.2.0/24", "198.51.100.128/25", "203.0.113.7/32"].map(isDocumentationCidr)).toEqual([true, true, true]);
    expect(["198.51.0.0/16", "52.94.0.0/22", "10.0.0.0/8", "bogus"].map(isDocumentationCidr)).toEqual([false, false, false, false]);
  });

  it("every guarded path reaches a setting of the dev stack (a typo would guard nothing)", () => {
    const settings = resolveSettings("dev", stackTree("dev"));
    for (const example of EXAMPLE_VALUES) expect(valuesAt(settings, example.path).length, example.path).toBeGreaterThan(0);
    expect(valuesAt(settings, "services.*.egressHosts[*]")).toEqual([[["services", "order", "egressHosts", 0], "api.stripe.com"]]);
    expect(exampleValueProblems(settings, PREVIEW)).toEqual([]);
  });

  it("the program refuses them under pulumi up before registering any resource", async () => {
    const tsx = require("tsx/cjs/api") as { require: (id: string, from: string) => unknown };
    const load = (file: string) => tsx.require(file, __filename);
    const config = readStackConfig(ROOT, "prod");
    const err = (await recordProgram("prod", config, path.join(ROOT, "index.ts"), load, false).catch((e: unknown) => e)) as Error & { registered: number };
    expect(err.name).toBe("SettingsError");
    expect(err.message).toContain(`platform:mesh.jwt.issuer = "https://auth.company.com" ${REFUSED}`);
    expect(err.registered).toBeLessThanOrEqual(1);
  });
});
