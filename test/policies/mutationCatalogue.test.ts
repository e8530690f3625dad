import { beforeAll, describe, expect, it } from "vitest";
import { PACKS, PackDefinition } from "../../policies/packs";
import { packConfigPath, readPackConfig, reconcile } from "../../tools/runner/config";
import { runPolicies } from "../../tools/runner/engine";
import { offlineStackTags } from "../../tools/runner";
import type { PlanDocument, PlanResource } from "../../tools/plan/types";
import { loadPlan } from "../support/plans";

/**
 * The mutation catalogue: from the recorded prod plan, one break per property each
 * depth policy guards, for every resource of every type the policy applies to. Each
 * break changes one resource (a copy; the others are shared), the policies of the
 * classes below run over the result, and the break must be caught by the right policy
 * naming the right resource.
 */
/** A recorded resource whose inputs a break edits freely. */
type Mutable = PlanResource & { inputs: Record<string, any> };

interface Break {
  /** The policy that must catch it. */
  readonly policy: string;
  /** What is broken, e.g. `queue policy: principal * without its condition`. */
  readonly property: string;
  /** The resource to break (the violation must name it, unless `at` says otherwise). */
  readonly target: PlanResource;
  readonly mutate: (r: Mutable) => void;
  /** The URN the violation must name. @default - the target's */
  readonly at?: string;
}

type Doc = { Version?: string; Statement: Record<string, any>[] };
const get = (o: unknown, path: string): any => path.split(".").reduce((n: any, k) => n?.[k], o);
const parseDoc = (text: unknown): Doc => {
  if (typeof text !== "string" || text === "") return { Version: "2012-10-17", Statement: [] };
  const doc = JSON.parse(text) as Doc;
  return { ...doc, Statement: Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement] };
};
const ANYONE = { Sid: "CatalogueAnyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "*", Resource: "*" };

/** Breaks of a resource-based policy document held in `field`. */
function documentBreaks(policy: string, what: string, r: PlanResource, field: string, conditions: "restrict" | "ignored"): Break[] {
  const edit = (change: (doc: Doc) => void) => (x: Mutable) => {
    const doc = parseDoc(x.inputs[field]);
    change(doc);
    x.inputs[field] = JSON.stringify(doc);
  };
  const allow = parseDoc(r.inputs[field]).Statement.findIndex((s) => s.Effect === "Allow");
  const breaks: Break[] = [{ policy, property: `${what}: an Allow to * added`, target: r, mutate: edit((d) => d.Statement.push({ ...ANYONE })) }];
  if (allow >= 0) {
    breaks.push({
      policy,
      property: `${what}: an existing grant widened to *${conditions === "restrict" ? " without its condition" : ""}`,
      target: r,
      mutate: edit((d) => {
        d.Statement[allow].Principal = "*";
        if (conditions === "restrict") delete d.Statement[allow].Condition;
      }),
    });
  }
  breaks.push({
    policy,
    property: `${what}: * behind a condition that does not restrict the caller`,
    target: r,
    mutate: edit((d) => d.Statement.push({ ...ANYONE, Sid: "CatalogueTls", Condition: { Bool: { "aws:SecureTransport": "true" } } })),
  });
  return breaks;
}

/** Every break the catalogue derives from the plan. */
function catalogue(doc: PlanDocument): Break[] {
  const of = (type: string) => doc.resources.filter((r) => r.type === type);
  const breaks: Break[] = [];

  // Resource policies with a public principal.
  const documents: [string, string, string, string, "restrict" | "ignored"][] = [
    ["aws-sqs-queuepolicy-no-public-principal", "aws:sqs/queuePolicy:QueuePolicy", "queue policy", "policy", "restrict"],
    ["aws-sqs-queuepolicy-no-public-principal", "aws:sqs/queue:Queue", "queue's inline policy", "policy", "restrict"],
    ["aws-sns-topicpolicy-no-public-principal", "aws:sns/topicPolicy:TopicPolicy", "topic policy", "policy", "restrict"],
    ["aws-sns-topicpolicy-no-public-principal", "aws:sns/topic:Topic", "topic's inline policy", "policy", "restrict"],
    ["aws-secretsmanager-secretpolicy-no-public-principal", "aws:secretsmanager/secretPolicy:SecretPolicy", "secret policy", "policy", "restrict"],
    ["aws-secretsmanager-secretpolicy-no-public-principal", "aws:secretsmanager/secret:Secret", "secret's inline policy", "policy", "restrict"],
    ["aws-msk-clusterpolicy-no-public-principal", "aws:msk/clusterPolicy:ClusterPolicy", "cluster policy", "policy", "restrict"],
    ["aws-cloudwatch-eventbuspolicy-no-public-principal", "aws:cloudwatch/eventBusPolicy:EventBusPolicy", "bus policy", "policy", "restrict"],
    ["aws-s3-bucketpolicy-no-public-principal", "aws:s3/bucketPolicy:BucketPolicy", "bucket policy", "policy", "ignored"],
    ["aws-s3-bucketpolicy-no-public-principal", "aws:s3/bucket:Bucket", "bucket's inline policy", "policy", "ignored"],
    ["aws-kms-key-policy-no-public-principal", "aws:kms/key:Key", "key policy", "policy", "ignored"],
    ["aws-kms-key-policy-no-public-principal", "aws:kms/keyPolicy:KeyPolicy", "key policy", "policy", "ignored"],
  ];
  for (const [policy, type, what, field, conditions] of documents) for (const r of of(type)) breaks.push(...documentBreaks(policy, what, r, field, conditions));
  for (const r of of("aws:lambda/permission:Permission")) {
    const policy = "aws-lambda-permission-no-public-principal";
    breaks.push(
      { policy, property: "permission: principal * with no source", target: r, mutate: (x) => Object.assign(x.inputs, { principal: "*", sourceArn: undefined, sourceAccount: undefined }) },
      { policy, property: "permission: service principal with no source", target: r, mutate: (x) => Object.assign(x.inputs, { sourceArn: undefined, sourceAccount: undefined }) },
    );
  }

  // IRSA trust policies.
  for (const r of of("aws:iam/role:Role").filter((x) => String(x.inputs.assumeRolePolicy).includes("AssumeRoleWithWebIdentity"))) {
    const policy = "aws-iam-role-web-identity-trust-scoped";
    const edit = (change: (eq: Record<string, unknown>, cond: Record<string, any>, key: (k: string) => string) => void) => (x: Mutable) => {
      const d = parseDoc(x.inputs.assumeRolePolicy);
      const cond = d.Statement[0].Condition as Record<string, any>;
      const keys = Object.keys(cond.StringEquals);
      change(cond.StringEquals, cond, (suffix) => keys.find((k) => k.endsWith(`:${suffix}`))!);
      x.inputs.assumeRolePolicy = JSON.stringify(d);
    };
    breaks.push(
      { policy, property: "trust: aud removed", target: r, mutate: edit((eq, _c, k) => delete eq[k("aud")]) },
      { policy, property: "trust: aud another audience", target: r, mutate: edit((eq, _c, k) => (eq[k("aud")] = "my-app")) },
      { policy, property: "trust: sub removed", target: r, mutate: edit((eq, _c, k) => delete eq[k("sub")]) },
      { policy, property: "trust: sub a wildcard service account", target: r, mutate: edit((eq, _c, k) => (eq[k("sub")] = String(eq[k("sub")]).replace(/:[^:]+$/, ":*"))) },
      {
        policy,
        property: "trust: sub moved to StringLike",
        target: r,
        mutate: edit((eq, cond, k) => {
          cond.StringLike = { [k("sub")]: "system:serviceaccount:*" };
          delete eq[k("sub")];
        }),
      },
    );
  }

  // Instance metadata.
  for (const r of of("aws:ec2/launchTemplate:LaunchTemplate")) {
    const policy = "aws-ec2-instance-imdsv2-hop-limit";
    breaks.push(
      { policy, property: "launch template: httpTokens optional", target: r, mutate: (x) => (x.inputs.metadataOptions.httpTokens = "optional") },
      { policy, property: "launch template: hop limit 2", target: r, mutate: (x) => (x.inputs.metadataOptions.httpPutResponseHopLimit = 2) },
      { policy, property: "launch template: metadata options removed", target: r, mutate: (x) => delete x.inputs.metadataOptions },
    );
  }
  for (const r of of("aws:ec2/instance:Instance")) breaks.push({ policy: "aws-ec2-instance-imdsv2-hop-limit", property: "instance: httpTokens optional", target: r, mutate: (x) => (x.inputs.metadataOptions = { httpTokens: "optional" }) });
  for (const r of of("aws:eks/nodeGroup:NodeGroup")) breaks.push({ policy: "aws-ec2-instance-imdsv2-hop-limit", property: "node group: launch template removed", target: r, mutate: (x) => delete x.inputs.launchTemplate });

  // Istio authorization: every AuthorizationPolicy, deny-alls included (any namespace).
  for (const r of of("kubernetes:security.istio.io/v1:AuthorizationPolicy").filter((x) => (get(x.inputs, "spec.action") ?? "ALLOW") === "ALLOW")) {
    const policy = "kubernetes-istio-authorizationpolicy-allow-rules-scoped";
    const rules = get(r.inputs, "spec.rules") as Record<string, any>[] | undefined;
    breaks.push({ policy, property: "ALLOW: rules [{}] (matches everything)", target: r, mutate: (x) => (x.inputs.spec.rules = [{}]) });
    if (rules?.length) {
      const sourceField = Object.keys(rules[0].from[0].source)[0];
      breaks.push(
        { policy, property: "ALLOW: from removed", target: r, mutate: (x) => delete x.inputs.spec.rules[0].from },
        { policy, property: `ALLOW: ${sourceField} *`, target: r, mutate: (x) => (x.inputs.spec.rules[0].from[0].source[sourceField] = ["*"]) },
        { policy, property: "ALLOW: to removed", target: r, mutate: (x) => delete x.inputs.spec.rules[0].to },
      );
    }
  }

  // NetworkPolicy CIDRs, both directions, on every policy.
  for (const r of of("kubernetes:networking.k8s.io/v1:NetworkPolicy")) {
    const policy = "kubernetes-networking-networkpolicy-no-world-cidr";
    breaks.push(
      { policy, property: "NetworkPolicy: ingress from ::/0", target: r, mutate: (x) => (x.inputs.spec.ingress = [...(x.inputs.spec.ingress ?? []), { from: [{ ipBlock: { cidr: "::/0" } }] }]) },
      {
        policy,
        property: "NetworkPolicy: egress to 0.0.0.0/0 (IMDS excepted)",
        target: r,
        mutate: (x) => (x.inputs.spec.egress = [...(x.inputs.spec.egress ?? []), { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } }] }]),
      },
    );
  }

  // Wildcards in mesh hosts, at any label level.
  for (const r of of("kubernetes:networking.istio.io/v1:ServiceEntry")) {
    const host = String(get(r.inputs, "spec.hosts.0"));
    breaks.push({ policy: "kubernetes-istio-serviceentry-explicit-hosts", property: "ServiceEntry: host's first label a wildcard", target: r, mutate: (x) => (x.inputs.spec.hosts[0] = host.replace(/^[^.]+/, "*")) });
  }
  for (const r of of("kubernetes:networking.istio.io/v1:Sidecar")) {
    const policy = "kubernetes-istio-namespace-sidecar-egress";
    breaks.push(
      { policy, property: "Sidecar: */* egress", target: r, mutate: (x) => x.inputs.spec.egress[0].hosts.push("*/*") },
      { policy, property: "Sidecar: */<aws host> egress", target: r, mutate: (x) => x.inputs.spec.egress[0].hosts.push("*/sts.us-east-1.amazonaws.com") },
      { policy, property: "Sidecar: ./*.amazonaws.com egress", target: r, mutate: (x) => x.inputs.spec.egress[0].hosts.push("./*.amazonaws.com") },
    );
  }
  for (const r of of("kubernetes:networking.istio.io/v1:Gateway")) {
    const policy = "kubernetes-istio-gateway-no-wildcard-host";
    const host = String(get(r.inputs, "spec.servers.0.hosts.0"));
    breaks.push(
      { policy, property: "Gateway: host's first label a wildcard", target: r, mutate: (x) => (x.inputs.spec.servers[0].hosts = [host.replace(/^[^.]+/, "*")]) },
      { policy, property: "Gateway: */ namespace", target: r, mutate: (x) => (x.inputs.spec.servers[0].hosts = [`*/${host}`]) },
    );
  }

  // Sidecar injection: every injected namespace (the gateway's included) and every pod template.
  for (const r of of("kubernetes:core/v1:Namespace").filter((x) => get(x.inputs, "metadata.labels.istio-injection") === "enabled")) {
    const policy = "kubernetes-istio-namespace-sidecar-injection";
    breaks.push(
      { policy, property: "namespace: istio-injection=disabled", target: r, mutate: (x) => (x.inputs.metadata.labels["istio-injection"] = "disabled") },
      { policy, property: "namespace: injection label removed", target: r, mutate: (x) => delete x.inputs.metadata.labels["istio-injection"] },
      {
        policy,
        property: "namespace: istio.io/rev naming no istiod",
        target: r,
        mutate: (x) => {
          delete x.inputs.metadata.labels["istio-injection"];
          x.inputs.metadata.labels["istio.io/rev"] = "canary";
        },
      },
    );
  }
  for (const r of of("kubernetes:apps/v1:Deployment")) {
    const policy = "kubernetes-istio-pod-injection-not-disabled";
    breaks.push(
      { policy, property: "pod template: inject annotation false", target: r, mutate: (x) => (x.inputs.spec.template.metadata.annotations = { ...x.inputs.spec.template.metadata.annotations, "sidecar.istio.io/inject": "false" }) },
      { policy, property: "pod template: inject label false", target: r, mutate: (x) => (x.inputs.spec.template.metadata.labels = { ...x.inputs.spec.template.metadata.labels, "sidecar.istio.io/inject": "false" }) },
    );
  }
  return breaks;
}

/** The policies the catalogue exercises, with their packs; only these run on each copy. */
function guards(names: readonly string[]): { pack: PackDefinition; policies: PackDefinition["policies"] }[] {
  return PACKS.map((pack) => ({ pack, policies: pack.policies.filter((p) => names.includes(p.name)) })).filter((g) => g.policies.length > 0);
}

describe("the mutation catalogue of the prod plan: one break per guarded property, per resource", () => {
  const prod = loadPlan("prod");
  const config = readPackConfig(packConfigPath("prod"));
  const breaks = catalogue(prod);
  const groups = guards([...new Set(breaks.map((b) => b.policy))]);
  const stackTags = offlineStackTags(prod.resources);

  async function violations(resources: readonly PlanResource[]) {
    const found: { policy: string; urn: string | null; enforcementLevel: string }[] = [];
    for (const { pack, policies } of groups) {
      const result = await runPolicies(policies, resources, { packName: pack.name, packVersion: "test", settings: reconcile(pack, config), stackTags, outputs: prod.outputs });
      found.push(...result.violations);
    }
    return found;
  }

  let baseline: Awaited<ReturnType<typeof violations>> = [];
  beforeAll(async () => {
    baseline = await violations(prod.resources);
  });

  it("derives breaks for every policy of the classes, from the plan's resources", () => {
    const policies = new Set(breaks.map((b) => b.policy));
    expect([...policies].sort()).toEqual(
      [
        "aws-cloudwatch-eventbuspolicy-no-public-principal",
        "aws-ec2-instance-imdsv2-hop-limit",
        "aws-iam-role-web-identity-trust-scoped",
        "aws-kms-key-policy-no-public-principal",
        "aws-lambda-permission-no-public-principal",
        "aws-msk-clusterpolicy-no-public-principal",
        "aws-s3-bucketpolicy-no-public-principal",
        "aws-secretsmanager-secretpolicy-no-public-principal",
        "aws-sns-topicpolicy-no-public-principal",
        "aws-sqs-queuepolicy-no-public-principal",
        "kubernetes-istio-authorizationpolicy-allow-rules-scoped",
        "kubernetes-istio-gateway-no-wildcard-host",
        "kubernetes-istio-namespace-sidecar-egress",
        "kubernetes-istio-namespace-sidecar-injection",
        "kubernetes-istio-pod-injection-not-disabled",
        "kubernetes-istio-serviceentry-explicit-hosts",
        "kubernetes-networking-networkpolicy-no-world-cidr",
      ].sort(),
    );
    expect(breaks.length).toBeGreaterThanOrEqual(200);
  });

  it("the unmutated plan passes every policy of the catalogue", () => {
    expect(baseline.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("catches every break with the right policy, naming the right resource, as mandatory", async () => {
    const missed: string[] = [];
    for (const b of breaks) {
      // Yield to the event loop between breaks: the policies resolve in microtasks only, and a
      // worker that never yields misses vitest's RPC deadlines ("Timeout calling onTaskUpdate").
      await new Promise((resolve) => setImmediate(resolve));
      const copy = JSON.parse(JSON.stringify(b.target)) as Mutable;
      b.mutate(copy);
      const resources = prod.resources.map((r) => (r === b.target ? copy : r));
      const found = await violations(resources);
      const at = b.at ?? b.target.urn;
      if (!found.some((v) => v.policy === b.policy && v.urn === at && v.enforcementLevel === "mandatory")) missed.push(`${b.policy} on ${b.target.name}: ${b.property}`);
    }
    console.log(`mutation catalogue: ${breaks.length} breaks over ${new Set(breaks.map((b) => b.target.urn)).size} resources, ${breaks.length - missed.length} caught`);
    expect(missed).toEqual([]);
    // Every break reruns the catalogue's policies over the whole prod plan (340 breaks over 580
    // resources): about 40 s alone, more on a loaded machine.
  }, 240_000);
});
