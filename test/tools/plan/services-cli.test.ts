import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { PlanDocument } from "../../../tools/plan/types";
import { ofType, single } from "../../support/plans";
import { runPlan as plan } from "../../support/run";

const latestImage = plan("--stack", "prod", "--config", "services.user.image=repo/user:latest");
const podEniOut = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "dev.json");
const podEni = plan(
  "--stack", "dev", "--quiet", "--json", podEniOut,
  "--config", "cluster.instanceType=m5.large",
  "--config", "services.order.secrets[0]=platform-dev/order/payment-api-key",
);

describe("npm run plan with a services override", () => {
  it("exits 2 with one line naming the service and field for a latest image", async () => {
    const run = await latestImage;
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid settings for stack 'prod': platform:services\.user\.image = "repo\/user:latest" uses the tag latest, which is not pinned; allowed: /);
    expect(run.stdout).toBe("");
  });
});

describe("a stack on nodes with pod ENIs, and a service that reads a secret", () => {
  let doc: PlanDocument;
  beforeAll(async () => {
    const run = await podEni;
    expect([0, 1], run.stderr).toContain(run.status);
    doc = JSON.parse(fs.readFileSync(podEniOut, "utf8")) as PlanDocument;
  }, 120_000);

  it("gives each service its own pod security group, bound by a SecurityGroupPolicy", () => {
    const policies = ofType(doc, "kubernetes:vpcresources.k8s.aws/v1beta1:SecurityGroupPolicy");
    expect(policies.map((p) => (p.inputs.metadata as { namespace: string }).namespace).sort()).toEqual(["order", "product", "user"]);
    for (const p of policies) {
      const ns = (p.inputs.metadata as { namespace: string }).namespace;
      expect(p.inputs.spec).toEqual({ podSelector: { matchLabels: { app: ns } }, securityGroups: { groupIds: [`${ns}-identity-pod-sg-id`] } });
    }
    const services = doc.outputs.services as Record<string, { securityGroupId: string }>;
    expect(services.user.securityGroupId).toBe("user-identity-pod-sg-id");
    const cni = ofType(doc, "aws:eks/addon:Addon").find((a) => a.inputs.addonName === "vpc-cni")!;
    expect(JSON.parse(String(cni.inputs.configurationValues)).env).toEqual({ ENABLE_POD_ENI: "true", POD_SECURITY_GROUP_ENFORCING_MODE: "standard" });
    expect(single(doc, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "cluster-role-AmazonEKSVPCResourceController").inputs.policyArn).toBe(
      "arn:aws:iam::aws:policy/AmazonEKSVPCResourceController",
    );
    const ingress = single(doc, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "user-identity-pod-from-vpc");
    expect(ingress.inputs).toMatchObject({ cidrIpv4: "10.0.0.0/16", ipProtocol: "tcp" });
    expect(String(ingress.inputs.description)).not.toBe("");
  });

  it("mounts the declared secret as a file through the CSI driver and lets only that role read it", () => {
    const spc = single(doc, "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass", "order-pod-secrets");
    expect(spc.inputs.metadata).toMatchObject({ name: "order-secrets", namespace: "order" });
    const spec = spc.inputs.spec as { provider: string; parameters: { objects: string } };
    expect(spec.provider).toBe("aws");
    // The service's own secret by name, then the data tier's by ARN (data-0, data-1, ...).
    const objects = JSON.parse(spec.parameters.objects) as { objectName: string; objectType: string; objectAlias: string }[];
    expect(objects[0]).toEqual({ objectName: "platform-dev/order/payment-api-key", objectType: "secretsmanager", objectAlias: "platform-dev_order_payment-api-key" });
    objects.slice(1).forEach((o, i) => expect(o).toMatchObject({ objectName: expect.stringMatching(/^arn:aws:secretsmanager:/), objectAlias: `data-${i}` }));
    const pod = (single(doc, "kubernetes:apps/v1:Deployment", "order-pod-deployment").inputs.spec as { template: { spec: Record<string, any> } }).template.spec; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(pod.volumes).toContainEqual({
      name: "secrets",
      csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: "order-secrets" } },
    });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: "secrets", mountPath: "/mnt/secrets", readOnly: true });
    expect(JSON.stringify(pod.containers[0].env)).not.toContain("payment-api-key");
    const policy = JSON.parse(String(single(doc, "aws:iam/policy:Policy", "order-identity-secrets").inputs.policy));
    expect(policy.Statement).toEqual([
      {
        Sid: "ReadDeclaredSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: ["arn:aws:secretsmanager:us-east-1:123456789012:secret:platform-dev/order/payment-api-key-??????"],
      },
    ]);
  });
});
