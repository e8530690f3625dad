import { describe, expect, it } from "vitest";
import { podSecurityGroupMode, supportsPodSecurityGroups } from "../../../components/cluster/podSecurityGroups";
import { vpcCniConfiguration } from "../../../components/cluster/eksAddons";
import { clusterHostNamespace, peakPods, resourceQuotaSpec } from "../../../components/microservice/manifests";
import { SERVICE_DEFAULTS, merge } from "../../../stacks/profiles";
import { serviceSchema } from "../../../stacks/services";

describe("security groups for pods", () => {
  it.each([
    ["t3.medium", false],
    ["t3a.large", false],
    ["m4.large", false],
    ["m5.large", true],
    ["c6i.xlarge", true],
    ["r7g.2xlarge", true],
    ["m5.small", false],
    ["x2idn.large", false],
  ])("%s supports them: %s", (type, expected) => {
    expect(supportsPodSecurityGroups(type)).toBe(expected);
    expect(podSecurityGroupMode(type)).toBe(expected ? "perService" : "node");
  });

  it("turns pod ENIs on in the VPC CNI only in perService mode, NetworkPolicy always", () => {
    expect(vpcCniConfiguration("node")).toEqual({ enableNetworkPolicy: "true" });
    expect(vpcCniConfiguration("perService")).toEqual({
      enableNetworkPolicy: "true",
      env: { ENABLE_POD_ENI: "true", POD_SECURITY_GROUP_ENFORCING_MODE: "standard" },
    });
  });
});

describe("namespace quota", () => {
  it("counts peak pods (max + 25 % surge) with their sidecars", () => {
    const s = serviceSchema.parse(merge(SERVICE_DEFAULTS.prod, { image: "r/a:1", port: 8080, cpu: "500m", memory: "1Gi", replicas: { min: 2, max: 10 } }));
    expect(peakPods(s)).toBe(13);
    expect(resourceQuotaSpec(s).hard).toEqual({
      pods: "13",
      "requests.cpu": `${13 * 600}m`,
      "requests.memory": `${13 * (1024 + 128)}Mi`,
      "limits.memory": `${13 * (1024 + 256)}Mi`,
      persistentvolumeclaims: "2",
      "services.loadbalancers": "0",
      "services.nodeports": "0",
    });
  });

  it("finds the namespace of in-cluster hosts only", () => {
    expect(clusterHostNamespace("otel-collector.observability.svc.cluster.local")).toBe("observability");
    expect(clusterHostNamespace("jaeger.tracing.svc")).toBe("tracing");
    expect(clusterHostNamespace("collector.example.com")).toBeUndefined();
  });
});
