import { describe, expect, it } from "vitest";
import { aliasUrns, changedPaths, diffPlans, referencingPaths } from "../../../tools/diff/compare";
import { formatDiff } from "../../../tools/diff/format";
import { REPLACE_ON_CHANGES, STATEFUL_TYPES } from "../../../tools/diff/replace";
import { component, plan, provider, res } from "./fixtures";

const RDS = "aws:rds/instance:Instance";
const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const db = (inputs: Record<string, unknown> = {}, protect = false) =>
  res(RDS, "data-order-db-instance", { engine: "postgres", instanceClass: "db.t3.large", storageEncrypted: true, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/data-order-key", ...inputs }, { options: { protect } });
const vpc = (cidrBlock = "10.0.0.0/16", protect = false) => res(VPC, "network-vpc", { cidrBlock, tags: { Name: "platform-dev-vpc" } }, { options: { protect } });
const subnet = (v = vpc()) => res(SUBNET, "network-data-a", { vpcId: "network-vpc-id", cidrBlock: "10.0.192.0/21" }, { dependencies: [v.urn] });

/** kind, name and reasons of every change: what the table below asserts. */
const summary = (base: ReturnType<typeof plan>, head: ReturnType<typeof plan>) =>
  diffPlans(base, head).changes.map((c) => ({ kind: c.kind, name: c.name, paths: c.paths, reasons: c.reasons, flagged: c.flagged }));

describe("diffPlans", () => {
  const cases: { name: string; base: ReturnType<typeof res>[]; head: ReturnType<typeof res>[]; expected: ReturnType<typeof summary> }[] = [
    {
      name: "a new resource is a create, never flagged",
      base: [provider()],
      head: [provider(), db()],
      expected: [{ kind: "create", name: "data-order-db-instance", paths: [], reasons: [], flagged: false }],
    },
    {
      name: "a removed stateful resource is a flagged delete",
      base: [provider(), db()],
      head: [provider()],
      expected: [{ kind: "delete", name: "data-order-db-instance", paths: [], reasons: [], flagged: true }],
    },
    {
      name: "a removed protected resource of a stateless type is a flagged delete",
      base: [provider(), res("aws:iam/role:Role", "r", {}, { options: { protect: true } })],
      head: [provider()],
      expected: [{ kind: "delete", name: "r", paths: [], reasons: [], flagged: true }],
    },
    {
      name: "a removed stateless resource is a delete that is not flagged",
      base: [provider(), res("aws:iam/role:Role", "r")],
      head: [provider()],
      expected: [{ kind: "delete", name: "r", paths: [], reasons: [], flagged: false }],
    },
    {
      name: "an input that can change in place is an update, listing the changed paths",
      base: [provider(), db()],
      head: [provider(), db({ instanceClass: "db.t3.xlarge", tags: { Owner: "data" } })],
      expected: [{ kind: "update", name: "data-order-db-instance", paths: ["instanceClass", "tags"], reasons: [], flagged: false }],
    },
    {
      name: "storageEncrypted on a database forces a flagged replacement",
      base: [provider(), db()],
      head: [provider(), db({ storageEncrypted: false, instanceClass: "db.t3.xlarge" })],
      expected: [
        { kind: "replace", name: "data-order-db-instance", paths: ["instanceClass", "storageEncrypted"], reasons: ["storageEncrypted forces replacement"], flagged: true },
      ],
    },
    {
      name: "a VPC's cidrBlock replaces it and, through vpcId, the subnets in it",
      base: [provider(), vpc(), subnet()],
      head: [provider(), vpc("10.1.0.0/16"), { ...subnet(), inputs: { vpcId: "network-vpc-id", cidrBlock: "10.0.192.0/21" } }],
      expected: [
        { kind: "replace", name: "network-data-a", paths: ["vpcId"], reasons: ["vpcId forces replacement (it comes from aws:ec2/vpc:Vpc::network-vpc, which is replaced)"], flagged: false },
        { kind: "replace", name: "network-vpc", paths: ["cidrBlock"], reasons: ["cidrBlock forces replacement"], flagged: false },
      ],
    },
    {
      name: "a protected VPC that is replaced is flagged",
      base: [provider(), vpc("10.0.0.0/16", true)],
      head: [provider(), vpc("10.1.0.0/16", true)],
      expected: [{ kind: "replace", name: "network-vpc", paths: ["cidrBlock"], reasons: ["cidrBlock forces replacement"], flagged: true }],
    },
    {
      name: "a new region replaces the provider and every resource it manages",
      base: [provider(), db()],
      head: [provider("eu-west-1"), db()],
      expected: [
        { kind: "replace", name: "data-order-db-instance", paths: [], reasons: ["provider pulumi:providers:aws::aws is replaced"], flagged: true },
        { kind: "replace", name: "aws", paths: ["region"], reasons: ["region forces replacement"], flagged: false },
      ],
    },
    {
      name: "a change of type under the same name and parent is a replacement",
      base: [provider(), res("aws:s3/bucketV2:BucketV2", "logs", { bucket: "b" })],
      head: [provider(), res("aws:s3/bucket:Bucket", "logs", { bucket: "b" })],
      expected: [{ kind: "replace", name: "logs", paths: [], reasons: ["type changed from aws:s3/bucketV2:BucketV2 (URN changed without an alias)"], flagged: true }],
    },
    {
      name: "a move to another parent without an alias is a replacement",
      base: [provider(), db()],
      head: [provider(), component("platform:data:DataTier", "data"), { ...db(), ...moved(db()) }],
      expected: [
        { kind: "create", name: "data", paths: [], reasons: [], flagged: false },
        {
          kind: "replace",
          name: "data-order-db-instance",
          paths: ["(parent)"],
          reasons: ["parent changed from pulumi:pulumi:Stack::platform-dev (URN changed without an alias)"],
          flagged: true,
        },
      ],
    },
    {
      name: "a move with an alias to the old URN is an update, not a replacement",
      base: [provider(), db()],
      head: [provider(), component("platform:data:DataTier", "data"), { ...db(), ...moved(db(), true) }],
      expected: [
        { kind: "create", name: "data", paths: [], reasons: [], flagged: false },
        { kind: "update", name: "data-order-db-instance", paths: ["(parent)"], reasons: [], flagged: false },
      ],
    },
    {
      name: "ignoreChanges paths never differ",
      base: [provider(), db()],
      head: [provider(), { ...db({ storageEncrypted: false }), options: { ...db().options, ignoreChanges: ["storageEncrypted"] } }],
      expected: [],
    },
    {
      name: "masked secrets compare equal; a value becoming unknown is a change",
      base: [provider(), db({ password: "[secret]", monitoringRoleArn: "arn:aws:iam::1:role/x" })],
      head: [provider(), db({ password: "[secret]", monitoringRoleArn: "[unknown]" })],
      expected: [{ kind: "update", name: "data-order-db-instance", paths: ["monitoringRoleArn"], reasons: [], flagged: false }],
    },
    {
      name: "a Kubernetes object's metadata.name forces a replacement",
      base: [provider(), res("kubernetes:core/v1:ConfigMap", "cm", { metadata: { name: "a", namespace: "order" }, data: { k: "v" } })],
      head: [provider(), res("kubernetes:core/v1:ConfigMap", "cm", { metadata: { name: "b", namespace: "order" }, data: { k: "w" } })],
      expected: [{ kind: "replace", name: "cm", paths: ["data.k", "metadata.name"], reasons: ["metadata.name forces replacement"], flagged: false }],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(summary(plan(c.base), plan(c.head))).toEqual(c.expected);
    });
  }

  it("counts each kind and the unchanged resources", () => {
    const d = diffPlans(plan([provider(), vpc(), db(), res("aws:iam/role:Role", "old")]), plan([provider(), vpc(), db({ storageEncrypted: false }), res("aws:iam/role:Role", "new")]));
    expect(d.counts).toEqual({ create: 1, update: 0, replace: 1, delete: 1, flagged: 1 });
    expect(d.unchanged).toBe(2);
  });
});

/** `r`'s URN, parent and aliases once moved under the component `data` (with an alias to its old URN when `alias`). */
function moved(r: ReturnType<typeof res>, alias = false) {
  const parent = component("platform:data:DataTier", "data");
  const urn = `urn:pulumi:dev::platform::platform:data:DataTier$${r.type}::${r.name}`;
  return { urn, parent: parent.urn, options: { ...r.options, aliases: alias ? [{ spec: { name: "", type: "", stack: "", project: "", parenturn: r.parent } }] : [] } };
}

describe("changedPaths", () => {
  it.each([
    [{ a: 1 }, { a: 1 }, []],
    [{ a: 1 }, { a: 2 }, ["a"]],
    [{ a: { b: [1, 2] } }, { a: { b: [1, 3, 4] } }, ["a.b[1]", "a.b[2]"]],
    [{ a: 1 }, { b: 1 }, ["a", "b"]],
    [{ s: "[secret]" }, { s: "[secret]" }, []],
    [{ x: ["p"] }, { x: "p" }, ["x"]],
  ])("%j -> %j changes %j", (before, after, paths) => {
    expect(changedPaths(before, after)).toEqual(paths);
  });
});

describe("referencingPaths", () => {
  it("finds the inputs made from a resource's mock id, ARN or name, as whole words only", () => {
    const inputs = {
      vpcId: "network-vpc-id",
      kms: "arn:aws:kms:us-east-1:123456789012:key/network-vpc",
      other: "network-vpc-endpoints-id",
      tag: "platform-dev-network-vpc-x",
      list: ["a", "network-vpc-id"],
    };
    expect(referencingPaths(inputs, "network-vpc")).toEqual(["kms", "list[1]", "vpcId"]);
  });
});

describe("aliasUrns", () => {
  it("fills an alias spec's empty fields from the resource, as the engine does", () => {
    const r = res(RDS, "db", {}, { options: { aliases: [{ spec: { name: "", type: "aws:rds/instanceV2:InstanceV2", stack: "", project: "", parenturn: "" } }, { urn: "urn:pulumi:dev::platform::x::y" }] } });
    expect(aliasUrns(r, { project: "platform", stack: "dev" })).toEqual([
      "urn:pulumi:dev::platform::aws:rds/instanceV2:InstanceV2::db",
      "urn:pulumi:dev::platform::x::y",
    ]);
  });
});

describe("the replace-on-change table", () => {
  it("names the stateful types' identity and encryption inputs", () => {
    expect(REPLACE_ON_CHANGES[RDS]).toEqual(expect.arrayContaining(["engine", "identifier", "kmsKeyId", "storageEncrypted"]));
    expect(REPLACE_ON_CHANGES["aws:s3/bucket:Bucket"]).toEqual(["bucket", "bucketPrefix", "objectLockEnabled"]);
    expect(REPLACE_ON_CHANGES["aws:eks/cluster:Cluster"]).toEqual(expect.arrayContaining(["name", "vpcConfig.subnetIds"]));
    expect(REPLACE_ON_CHANGES[VPC]).toContain("cidrBlock");
    for (const t of ["aws:kms/key:Key", "aws:efs/fileSystem:FileSystem", "aws:msk/cluster:Cluster", "aws:elasticache/replicationGroup:ReplicationGroup"]) {
      expect(STATEFUL_TYPES.has(t)).toBe(true);
      expect(REPLACE_ON_CHANGES[t].length).toBeGreaterThan(0);
    }
  });
});

describe("formatDiff", () => {
  it("prints one section per kind, the flagged URNs and the tally", () => {
    const base = plan([provider(), vpc(), db(), res("aws:kms/key:Key", "data-user-key", {}, { options: { protect: true } })]);
    const head = plan([provider(), res(VPC, "network-vpc", { cidrBlock: "10.0.0.0/16", tags: { Name: "x" } }), db({ storageEncrypted: false }), res("aws:s3/bucket:Bucket", "data-new", { bucket: "n" })]);
    expect(formatDiff(diffPlans(base, head)).split("\n")).toEqual([
      "Plan diff for platform/dev: base 4 resources, head 4 resources",
      "",
      "Creates (1):",
      "  + aws:s3/bucket:Bucket data-new [stateful]",
      "",
      "Updates (1):",
      "  ~ aws:ec2/vpc:Vpc network-vpc: tags.Name",
      "",
      "Replacements (1):",
      "  +- aws:rds/instance:Instance data-order-db-instance [stateful]: storageEncrypted forces replacement; changed: storageEncrypted",
      "",
      "Deletes (1):",
      "  - aws:kms/key:Key data-user-key [stateful, protected]",
      "",
      "2 stateful or protected resources would be deleted or replaced:",
      "  ! replace urn:pulumi:dev::platform::aws:rds/instance:Instance::data-order-db-instance",
      "  ! delete urn:pulumi:dev::platform::aws:kms/key:Key::data-user-key",
      "",
      "1 to create, 1 to update, 1 to replace, 1 to delete, 1 unchanged; 2 flagged",
    ]);
  });

  it("says so when nothing changes", () => {
    const p = plan([provider(), vpc()]);
    expect(formatDiff(diffPlans(p, p))).toBe("Plan diff for platform/dev: base 2 resources, head 2 resources\n\nNo changes.\n\n0 to create, 0 to update, 0 to replace, 0 to delete, 2 unchanged; 0 flagged");
  });
});

/**
 * A component (`order-pod`, with a log group and a role under it) moved from the stack to
 * under a new tier component `services`, the move this repository made when it gave the
 * services a tier: only the moved component carries an alias, as `aliases: [{ parent:
 * pulumi.rootStackResource }]` sends it (`noparent`), and its children inherit it.
 */
describe("aliases inherited from a moved parent", () => {
  const POD = "platform:microservice:MicroservicePod";
  const LOGS = "aws:cloudwatch/logGroup:LogGroup";
  const ROLE = "aws:iam/role:Role";
  const TOP_LEVEL = [{ spec: { name: "", type: "", stack: "", project: "", parenturn: "", noparent: true } }];
  const before = () => {
    const pod = component(POD, "order-pod");
    return [provider(), pod, res(LOGS, "order-pod-logs", { name: "/aws/microservices/order" }, { parent: pod, options: { protect: true } }), res(ROLE, "shared-role", {}, { parent: pod })];
  };
  const after = (aliases: unknown[], podName = "order-pod") => {
    const services = component("platform:microservice:Services", "services");
    const pod = { ...component(POD, podName), ...{ urn: `urn:pulumi:dev::platform::platform:microservice:Services$${POD}::${podName}`, parent: services.urn } };
    const withAliases = { ...pod, options: { ...pod.options, aliases } };
    return [provider(), services, withAliases, res(LOGS, `${podName}-logs`, { name: "/aws/microservices/order" }, { parent: pod, options: { protect: true } }), res(ROLE, "shared-role", {}, { parent: pod })];
  };

  it("matches the component by its alias and every child by the alias it inherits: updates, no replacement", () => {
    expect(summary(plan(before()), plan(after(TOP_LEVEL)))).toEqual([
      { kind: "create", name: "services", paths: [], reasons: [], flagged: false },
      { kind: "update", name: "order-pod-logs", paths: ["(parent)"], reasons: [], flagged: false },
      { kind: "update", name: "shared-role", paths: ["(parent)"], reasons: [], flagged: false },
      { kind: "update", name: "order-pod", paths: ["(parent)"], reasons: [], flagged: false },
    ]);
    const logs = diffPlans(plan(before()), plan(after(TOP_LEVEL))).changes.find((c) => c.name === "order-pod-logs")!;
    expect(logs.from).toBe(`urn:pulumi:dev::platform::${POD}$${LOGS}::order-pod-logs`);
  });

  it("without the alias, the component and its children are replaced, and the protected log group is flagged", () => {
    const changes = summary(plan(before()), plan(after([])));
    expect(changes.filter((c) => c.kind === "replace").map((c) => [c.name, c.flagged])).toEqual([
      ["order-pod-logs", true],
      ["shared-role", false],
      ["order-pod", false],
    ]);
  });

  it("renames a child whose name starts with the parent's, as the engine does", () => {
    // The component was `order-pod` and is now `order-svc`, under `services`: its log group
    // `order-svc-logs` was `order-pod-logs`; `shared-role` keeps its name.
    const aliases = [{ spec: { name: "order-pod", type: "", stack: "", project: "", parenturn: "", noparent: true } }];
    expect(summary(plan(before()), plan(after(aliases, "order-svc"))).map((c) => [c.kind, c.name])).toEqual([
      ["create", "services"],
      ["update", "order-svc-logs"],
      ["update", "shared-role"],
      ["update", "order-svc"],
    ]);
  });

  it("resolves noParent and a root-stack parent to a child of the stack; an inherited alias follows the parent's old URN", () => {
    const [, , pod] = after(TOP_LEVEL);
    const stack = "urn:pulumi:dev::platform::pulumi:pulumi:Stack::platform-dev";
    const oldPod = `urn:pulumi:dev::platform::${POD}::order-pod`;
    expect(aliasUrns(pod, { project: "platform", stack: "dev" })).toEqual([oldPod]);
    const rootParent = { ...pod, options: { ...pod.options, aliases: [{ spec: { name: "", type: "", stack: "", project: "", parenturn: stack } }] } };
    expect(aliasUrns(rootParent, { project: "platform", stack: "dev" })).toEqual([oldPod]);
    const [, , , logs] = after(TOP_LEVEL);
    expect(aliasUrns(logs, { project: "platform", stack: "dev" })).toEqual([]);
    expect(aliasUrns(logs, { project: "platform", stack: "dev" }, new Map([[pod.urn, oldPod]]))).toEqual([`urn:pulumi:dev::platform::${POD}$${LOGS}::order-pod-logs`]);
  });
});
