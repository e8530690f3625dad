import { describe, expect, it } from "vitest";
import { rdsLogGroupName } from "../../../components/data/ServiceDatabase";
import { redshiftLogGroupName } from "../../../components/data/AnalyticsPipeline";
import { accessLogging, defaultRetention } from "../../../components/data/SecureBucket";
import { serviceLogGroupName } from "../../../components/microservice/MicroservicePod";
import type { PlanResource } from "../../../tools/plan/types";
import { loadPlan } from "../../support/plans";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const names = (stack: "dev" | "prod") =>
  loadPlan(stack)
    .resources.filter((r) => r.type === LOG_GROUP)
    .map((r) => String(r.inputs.name));

describe("log group names", () => {
  it("follow the names AWS gives export groups, and carry the stack for the services'", () => {
    expect(rdsLogGroupName("platform-prod-user", "postgresql")).toBe("/aws/rds/instance/platform-prod-user/postgresql");
    expect(redshiftLogGroupName("platform-prod-analytics", "connectionlog")).toBe("/aws/redshift/platform-prod-analytics/connectionlog");
    expect(serviceLogGroupName("platform-dev", "order")).toBe("/aws/microservices/platform-dev/order");
  });

  it("never collide between dev and prod in one account: every fixed name carries the stack's prefix", () => {
    const dev = names("dev");
    const prod = names("prod");
    expect(dev.filter((n) => !n.includes("platform-dev"))).toEqual([]);
    expect(prod.filter((n) => !n.includes("platform-prod"))).toEqual([]);
    expect(dev.filter((n) => prod.includes(n))).toEqual([]);
  });
});

describe.each(["dev", "prod"] as const)("the %s plan pre-creates the log groups AWS would create unencrypted", (stack) => {
  const doc = loadPlan(stack);
  const byName = new Map(doc.resources.filter((r) => r.type === LOG_GROUP).map((r) => [String(r.inputs.name), r]));
  const retention = stack === "prod" ? 365 : 30;
  const expectGroup = (name: string, key: string, before: PlanResource) => {
    const group = byName.get(name);
    expect(group, name).toBeDefined();
    expect(group!.inputs).toMatchObject({ kmsKeyId: `arn:aws:kms:us-east-1:123456789012:key/${key}`, retentionInDays: retention });
    expect(before.options.dependsOn, `${before.name} waits for ${name}`).toContain(group!.urn);
  };

  it("for every RDS log export, with the service's key, before the instance", () => {
    const instances = doc.resources.filter((r) => r.type === "aws:rds/instance:Instance");
    expect(instances).toHaveLength(3);
    for (const db of instances) {
      const exports = db.inputs.enabledCloudwatchLogsExports as string[];
      expect(exports.length).toBe(2);
      const service = String(db.inputs.identifier).replace(`platform-${stack}-`, "");
      for (const log of exports) expectGroup(`/aws/rds/instance/${db.inputs.identifier}/${log}`, `data-${service}-key`, db);
    }
  });

  it("for every Redshift Serverless log export, with the analytics key, before the namespace", () => {
    const namespace = doc.resources.find((r) => r.type === "aws:redshiftserverless/namespace:Namespace")!;
    expect(namespace.inputs.logExports).toEqual(["userlog", "connectionlog", "useractivitylog"]);
    for (const log of namespace.inputs.logExports as string[]) expectGroup(`/aws/redshift/${namespace.inputs.namespaceName}/${log}`, "data-analytics-key", namespace);
  });
});

describe.each(["dev", "prod"] as const)("services in the %s plan use IAM database authentication only", (stack) => {
  const doc = loadPlan(stack);
  const masterSecrets = (doc.outputs.services as Record<string, { data: { database?: { secretArn: string } } }>);

  it("keeps each master secret ARN as an output for operators and migrations", () => {
    for (const [, s] of Object.entries(masterSecrets)) expect(s.data.database?.secretArn).toMatch(/:secret:rds!/);
  });

  it("lists no RDS master secret in any pod's SecretProviderClass", () => {
    const classes = doc.resources.filter((r) => r.type === "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass");
    expect(classes.length).toBeGreaterThan(0);
    for (const c of classes) {
      const objects = JSON.parse(String((c.inputs.spec as { parameters: { objects: string } }).parameters.objects)) as { objectName: string }[];
      expect(objects.map((o) => o.objectName).filter((n) => n.includes("rds!"))).toEqual([]);
    }
    for (const r of doc.resources.filter((x) => x.type === "kubernetes:core/v1:ConfigMap")) expect(JSON.stringify(r.inputs)).not.toContain("rds!");
  });

  it("grants rds-db:connect as <service>_app and never reads a secret RDS manages", () => {
    for (const p of doc.resources.filter((r) => r.type === "aws:iam/policy:Policy" && r.name.endsWith("-access-policy"))) {
      const statements = JSON.parse(String(p.inputs.policy)).Statement as { Action: string | string[]; Resource: string | string[] }[];
      const text = JSON.stringify(statements);
      expect(text).not.toContain("rds!");
      const connect = statements.find((s) => s.Action === "rds-db:connect");
      if (connect) expect(String(connect.Resource)).toMatch(/:dbuser:db-[A-Z-]+\/[a-z]+_app$/);
    }
  });
});

describe("buckets", () => {
  it("sends access logs elsewhere, and the access-log bucket nowhere", () => {
    expect(accessLogging({ kind: "bucket", bucket: "logs" }, "order-documents")).toEqual({ targetBucket: "logs", targetPrefix: "order-documents/" });
    expect(accessLogging({ kind: "none" }, "access-logs")).toBeUndefined();
  });

  it("turns the documentLock setting into a default retention of years or days", () => {
    expect(defaultRetention({ mode: "COMPLIANCE", years: 7 })).toEqual({ mode: "COMPLIANCE", years: 7 });
    expect(defaultRetention({ mode: "GOVERNANCE", days: 1 })).toEqual({ mode: "GOVERNANCE", days: 1 });
    expect(() => defaultRetention({ mode: "GOVERNANCE" })).toThrow("Object Lock retention needs exactly one of years and days");
  });
});
