import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { PlanDocument } from "../../../tools/plan/types";
import { loadPlan, ofType } from "../../support/plans";
import { runPlan } from "../../support/run";

const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-private-")), "prod.json");
// prod with a VPN range and a peered CI runner's range admitted to the private endpoint.
const run = runPlan(
  "--stack", "prod", "--quiet", "--json", file,
  "--config", "cluster.privateAccessCidrs[0]=10.100.0.0/16",
  "--config", "cluster.privateAccessCidrs[1]=192.168.50.0/24",
);

describe("cluster.privateAccessCidrs", () => {
  it("records no private-access rule by default", () => {
    for (const stack of ["dev", "prod"] as const) {
      expect(ofType(loadPlan(stack), RULE).filter((r) => r.name.startsWith("cluster-control-plane-private-access-"))).toEqual([]);
    }
  });

  it("admits each CIDR to the private API endpoint on 443 through the control plane's security group, and plans with 0 mandatory violations", async () => {
    const r = await run;
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as PlanDocument;
    const rules = ofType(doc, RULE).filter((x) => x.name.startsWith("cluster-control-plane-private-access-"));
    expect(rules.map((x) => [x.name, x.inputs])).toEqual([
      [
        "cluster-control-plane-private-access-0",
        {
          cidrIpv4: "10.100.0.0/16",
          description: "The Kubernetes API (private endpoint) from 10.100.0.0/16, outside the VPC.",
          fromPort: 443,
          ipProtocol: "tcp",
          securityGroupId: "cluster-control-plane-sg-id",
          toPort: 443,
        },
      ],
      [
        "cluster-control-plane-private-access-1",
        {
          cidrIpv4: "192.168.50.0/24",
          description: "The Kubernetes API (private endpoint) from 192.168.50.0/24, outside the VPC.",
          fromPort: 443,
          ipProtocol: "tcp",
          securityGroupId: "cluster-control-plane-sg-id",
          toPort: 443,
        },
      ],
    ]);
    // The control plane's security group is the one EKS puts on its endpoint ENIs.
    const eks = doc.resources.find((x) => x.type === "aws:eks/cluster:Cluster")!;
    expect((eks.inputs.vpcConfig as { securityGroupIds: string[] }).securityGroupIds).toEqual(["cluster-control-plane-sg-id"]);
    expect((eks.inputs.vpcConfig as { endpointPublicAccess: boolean }).endpointPublicAccess).toBe(false);
    expect(doc.summary.mandatoryViolations).toBe(0);
  });
});
