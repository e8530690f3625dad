import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { configTree, resolveSettings } from "../../stacks";
import { imageProblem, prefixesCollide } from "../../stacks/services";
import { readStackConfig } from "../../tools/plan/config";
import { resolveStack, settingsProblem } from "../support/settings";

const ROOT = path.resolve(__dirname, "../..");
const resolve = resolveStack;
const problem = settingsProblem;

describe("services settings", () => {
  it("resolves the seed services with per-field defaults", () => {
    const s = resolve("prod").services;
    expect(Object.keys(s)).toEqual(["user", "product", "order"]);
    expect(s.user).toMatchObject({ port: 8080, replicas: { min: 2, max: 6 }, cpu: "250m", memory: "256Mi", callers: ["order"], secrets: [], egressHosts: [] });
    expect(s.order).toMatchObject({ memory: "512Mi", callers: [], egressHosts: ["api.stripe.com"], pathPrefix: "/orders" });
  });

  it.each([
    [
      "a latest image",
      ["services.user.image=repo/user:latest"],
      `Invalid settings for stack 'prod': platform:services.user.image = "repo/user:latest" uses the tag latest, which is not pinned; allowed: an image pinned by tag or digest`,
    ],
    ["an untagged image", ["services.user.image=repo/user"], `platform:services.user.image = "repo/user" has no tag or digest, so it means latest`],
    [
      "an unknown caller",
      ["services.user.callers[0]=payments"],
      `platform:services.user.callers[0] = "payments" is not a declared service (declared: user, product, order); allowed: the name of another declared service`,
    ],
    ["min > max", ["services.product.replicas.min=8"], `platform:services.product.replicas.min = 8 is greater than services.product.replicas.max (6)`],
    ["a min below 2", ["services.product.replicas.min=1"], `platform:services.product.replicas.min = 1 is out of range; allowed: a whole number from 2 to 50`],
    ["a privileged port", ["services.order.port=80"], `platform:services.order.port = 80 is out of range; allowed: a whole number from 1024 to 65535`],
    ["a sidecar port", ["services.order.port=15001"], `platform:services.order.port = 15001 is an Istio sidecar port`],
    [
      "colliding path prefixes",
      ["services.order.pathPrefix=/users/orders"],
      `platform:services.order.pathPrefix = "/users/orders" collides with services.user.pathPrefix /users`,
    ],
    ["equal path prefixes", ["services.product.pathPrefix=/users"], `platform:services.product.pathPrefix = "/users" collides with services.user.pathPrefix /users`],
    ["a duplicate name (case)", ["services.User.image=repo/u:1.0.0", "services.User.port=8080"], `platform:services.User = {"image":"repo/u:1.0.0","port":8080} is not a valid service name ("User")`],
    ["a reserved name", ["services.istio-system.image=repo/u:1.0.0", "services.istio-system.port=8080"], `platform:services.istio-system = {"image":"repo/u:1.0.0","port":8080} is a reserved name`],
    ["a secret in env", ["services.user.env.DB_PASSWORD=hunter2"], `platform:services.user.env.DB_PASSWORD = "hunter2" looks like a secret: declare it under secrets so it is mounted as a file`],
    ["a wildcard egress host", ["services.order.egressHosts[0]=*.stripe.com"], `platform:services.order.egressHosts[0] = "*.stripe.com" has the wrong format; allowed: a lowercase DNS name without wildcards`],
    ["an unknown field", ["services.user.replicaCount=3"], `platform:services.user.replicaCount = 3 is not a known setting`],
  ])("rejects %s with one line naming the service and field", (_what, overrides, expected) => {
    const message = problem("prod", ...overrides);
    expect(message).toContain(expected);
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toMatch(/^Invalid settings for stack 'prod': /);
  });

  it("reports a duplicate that differs only by case as a duplicate", () => {
    expect(problem("dev", "services.ORDER.image=repo/o:1.0.0", "services.ORDER.port=8080")).toContain(
      `platform:services.ORDER = {"image":"repo/o:1.0.0","port":8080} duplicates the service name order: names must differ as DNS labels`,
    );
  });

  it("accepts a digest-pinned image and another list of services", () => {
    const digest = `repo/user@sha256:${"a".repeat(64)}`;
    expect(resolve("dev", `services.user.image=${digest}`).services.user.image).toBe(digest);
    const tree = configTree(readStackConfig(ROOT, "dev").values);
    const s = resolveSettings("dev", { ...tree, services: { billing: { image: "repo/billing:2.0.1", port: 9000 }, ledger: { image: "repo/ledger:1.0.0", port: 9001, callers: ["billing"] } } });
    expect(Object.keys(s.services)).toEqual(["billing", "ledger"]);
  });
});

describe("cluster and mesh settings", () => {
  it.each([
    ["an unsupported version", ["cluster.version=1.25"], `platform:cluster.version = 1.25 is not one of the allowed values; allowed: a supported EKS version: 1.35 | 1.36`],
    ["a version past EKS standard support", ["cluster.version=1.33"], `platform:cluster.version = 1.33 is not one of the allowed values; allowed: a supported EKS version: 1.35 | 1.36`],
    ["too many nodes", ["cluster.desiredSize=7"], `platform:cluster.desiredSize = 7 is out of range; allowed: a whole number from 2 to 6`],
    ["a node group that cannot scale", ["cluster.maxSize=5"], `platform:cluster.maxSize = 5 must be above cluster.minSize (5), or the autoscaler can never add a node (maxSize is 5)`],
    ["a start size below the minimum", ["cluster.desiredSize=2"], `platform:cluster.desiredSize = 2 must be from cluster.minSize (5) to cluster.maxSize (6) (desiredSize is 2)`],
    ["an unknown service-linked role mode", ["cluster.autoscalingServiceLinkedRole=maybe"], `platform:cluster.autoscalingServiceLinkedRole = "maybe" is not one of the allowed values; allowed: create (a fresh account`],
    ["a bad admin role", ["cluster.adminRoleArn=admin"], `platform:cluster.adminRoleArn = "admin" has the wrong format; allowed: an IAM role ARN`],
    ["an open public endpoint", ["cluster.publicAccessCidrs[0]=0.0.0.0/0"], `platform:cluster.publicAccessCidrs[0] = "0.0.0.0/0" is wider than /8`],
    [
      "a public range for the private endpoint",
      ["cluster.privateAccessCidrs[0]=52.94.0.0/22"],
      `platform:cluster.privateAccessCidrs[0] = "52.94.0.0/22" is not a private range, which is all the private endpoint sees; allowed: a private IPv4 CIDR (10/8, 172.16/12, 192.168/16 or 100.64/10) of a VPN or peered network, e.g. 10.100.0.0/16`,
    ],
    ["a private-access CIDR that is not one", ["cluster.privateAccessCidrs[0]=10.100.0.0/33"], `platform:cluster.privateAccessCidrs[0] = "10.100.0.0/33" is not an IPv4 CIDR: each octet must be 0-255 and the prefix 0-32`],
    ["a private-access CIDR with host bits", ["cluster.privateAccessCidrs[0]=10.100.0.1/16"], `platform:cluster.privateAccessCidrs[0] = "10.100.0.1/16" has host bits set; the network address is 10.100.0.0/16`],
    [
      "a private-access CIDR inside the VPC",
      ["cluster.privateAccessCidrs[0]=10.0.128.0/24"],
      `platform:cluster.privateAccessCidrs[0] = "10.0.128.0/24" overlaps network.cidr 10.0.0.0/16: it must be a network outside the VPC (inside it, the application subnets are already admitted)`,
    ],
    ["a wildcard ingress host", ["mesh.ingressHosts[0]=*.example.com"], `platform:mesh.ingressHosts[0] = "*.example.com" has the wrong format`],
    ["a ranged chart version", ["mesh.istioVersion=1.27.x"], `platform:mesh.istioVersion = "1.27.x" has the wrong format; allowed: an exact chart version`],
    [
      "a plain-http issuer",
      ["mesh.jwt.issuer=http://auth.company.com"],
      `platform:mesh.jwt.issuer = "http://auth.company.com" is not an https URL with a DNS host; allowed: the IdP's issuer (the tokens' iss), an https URL such as https://auth.company.com`,
    ],
    [
      "a JWKS URI that is not a URL",
      ["mesh.jwt.jwksUri=auth.company.com/jwks"],
      `platform:mesh.jwt.jwksUri = "auth.company.com/jwks" is not an https URL with a DNS host; allowed: the IdP's JWKS endpoint, an https URL such as https://auth.company.com/.well-known/jwks.json`,
    ],
    [
      "a JWKS URI on an IP address",
      ["mesh.jwt.jwksUri=https://10.0.0.5/jwks.json"],
      `platform:mesh.jwt.jwksUri = "https://10.0.0.5/jwks.json" is not an https URL with a DNS host`,
    ],
    ["a wildcard audience", ["mesh.jwt.audiences[0]=*"], `platform:mesh.jwt.audiences[0] = "*" has the wrong format; allowed: an audience without spaces or *, e.g. api.company.com`],
    ["an unknown jwt field", ["mesh.jwt.algorithms[0]=HS256"], `platform:mesh.jwt.algorithms = ["HS256"] is not a known setting; allowed: settings here are issuer, jwksUri, audiences`],
    [
      "a zero rate",
      ["mesh.rateLimit.requestsPerSecond=0"],
      `platform:mesh.rateLimit.requestsPerSecond = 0 is out of range; allowed: a whole number of requests per second from 1 to 100000`,
    ],
    [
      "a fractional burst",
      ["mesh.rateLimit.burst=2.5"],
      `platform:mesh.rateLimit.burst = 2.5 has the wrong type (float, expected integer); allowed: a whole number of requests from 1 to 100000, at least requestsPerSecond`,
    ],
    [
      "a burst below the rate (the profile's burst, shown as the value)",
      ["mesh.rateLimit.requestsPerSecond=300"],
      `platform:mesh.rateLimit.burst = 200 must be at least mesh.rateLimit.requestsPerSecond (300), or the bucket could never hold one second's refill (burst is 200); allowed: a whole number of requests from 1 to 100000, at least requestsPerSecond`,
    ],
    [
      "a burst below the rate",
      ["mesh.rateLimit.requestsPerSecond=100", "mesh.rateLimit.burst=40"],
      `platform:mesh.rateLimit.burst = 40 must be at least mesh.rateLimit.requestsPerSecond (100)`,
    ],
  ])("rejects %s", (_what, overrides, expected) => {
    const message = problem("dev", ...overrides);
    expect(message).toContain(expected);
    expect(message.split("\n")).toHaveLength(1);
  });

  it("requires the IdP of every stack (no built-in issuer) and at least one audience", () => {
    const tree = configTree(readStackConfig(ROOT, "prod").values);
    const { jwt, ...mesh } = tree.mesh as Record<string, unknown>;
    expect(() => resolveSettings("prod", { ...tree, mesh })).toThrow(
      `Invalid settings for stack 'prod': platform:mesh.jwt is missing; allowed: issuer, jwksUri and audiences of the IdP`,
    );
    expect(() => resolveSettings("prod", { ...tree, mesh: { ...mesh, jwt: { ...(jwt as object), audiences: [] } } })).toThrow(
      `Invalid settings for stack 'prod': platform:mesh.jwt.audiences = [] has too few items; allowed: one or more audiences the tokens must carry (aud), e.g. [api.company.com]`,
    );
  });

  it("resolves the gateway layer: the stack's IdP (seed 004) and the default rate limit of 100 rps, burst 200", () => {
    for (const stack of ["dev", "prod"] as const) {
      const mesh = resolve(stack).mesh;
      expect(mesh.jwt).toEqual({ issuer: "https://auth.company.com", jwksUri: "https://auth.company.com/.well-known/jwks.json", audiences: ["api.company.com"] });
      expect(mesh.rateLimit).toEqual({ requestsPerSecond: 100, burst: 200 });
    }
    expect(resolve("prod", "mesh.rateLimit.requestsPerSecond=50", "mesh.rateLimit.burst=50").mesh.rateLimit).toEqual({ requestsPerSecond: 50, burst: 50 });
  });

  it("admits no private networks by default, and any number of validated ones when set", () => {
    expect(resolve("prod").cluster.privateAccessCidrs).toEqual([]);
    expect(resolve("prod", "cluster.privateAccessCidrs[0]=10.100.0.0/16", "cluster.privateAccessCidrs[1]=192.168.50.0/24").cluster.privateAccessCidrs).toEqual([
      "10.100.0.0/16",
      "192.168.50.0/24",
    ]);
  });

  it("keeps the public endpoint off in prod", () => {
    expect(problem("prod", "cluster.publicAccessCidrs[0]=198.51.100.0/24")).toContain(
      `platform:cluster.publicAccessCidrs = ["198.51.100.0/24"] must be empty in prod: the API endpoint is private only`,
    );
    expect(resolve("dev").cluster.publicAccessCidrs).toEqual(["198.51.100.0/24"]);
  });
});

describe("pure helpers", () => {
  it.each([
    ["ghcr.io/acme/user:1.4.2", undefined],
    ["registry:5000/team/user:v2", undefined],
    [`ghcr.io/acme/user@sha256:${"0".repeat(64)}`, undefined],
    ["ghcr.io/acme/user:latest", "uses the tag latest, which is not pinned"],
    ["ghcr.io/acme/user", "has no tag or digest, so it means latest"],
    ["Ghcr.io/Acme/User:1", "is not an image reference such as registry/name:tag or registry/name@sha256:<digest>"],
    ["ghcr.io/acme/user@sha256:abc", "is not an image reference such as registry/name:tag or registry/name@sha256:<digest>"],
  ])("imageProblem(%s)", (image, expected) => {
    expect(imageProblem(image)).toBe(expected);
  });

  it.each([
    ["/users", "/users", true],
    ["/users", "/users/admin", true],
    ["/api/v1", "/api", true],
    ["/users", "/usersettings", false],
    ["/orders", "/products", false],
  ])("prefixesCollide(%s, %s) = %s", (a, b, expected) => {
    expect(prefixesCollide(a, b)).toBe(expected);
    expect(prefixesCollide(b, a)).toBe(expected);
  });
});
