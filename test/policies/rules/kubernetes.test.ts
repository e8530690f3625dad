import { describe, expect, it } from "vitest";
import { kubernetesPolicies } from "../../../policies/rules/kubernetes";
import { resource, runPolicy } from "../fixtures";
import { KUBERNETES_CASES, WORKLOAD_KIND_CASES } from "./kubernetes.cases";
import { kubernetesWorld, podTemplate } from "../worlds/kubernetes";

describe("Kubernetes/Istio pack: compliant fixture and one-field mutations per policy", () => {
  it("has cases for every policy of the pack", () => {
    expect(Object.keys(KUBERNETES_CASES).sort()).toEqual(kubernetesPolicies.map((p) => p.name).sort());
  });

  for (const policy of kubernetesPolicies) {
    describe(policy.name, () => {
      it("passes the compliant fixture without skipping", async () => {
        expect(await runPolicy(policy, kubernetesWorld().resources())).toEqual({ violations: [] });
      });
      for (const m of KUBERNETES_CASES[policy.name]) {
        it(`reports: ${m.name}`, async () => {
          const world = kubernetesWorld();
          m.apply(world);
          expect((await runPolicy(policy, world.resources(), { config: m.config })).violations).toEqual(m.expect);
        });
      }
    });
  }
});

describe("one check shared by every workload kind", () => {
  const policy = kubernetesPolicies.find((p) => p.name === "kubernetes-core-pod-no-privileged")!;
  for (const { kind, name } of WORKLOAD_KIND_CASES) {
    it(`reads the pod template of a ${kind.split(":").pop()}`, async () => {
      const template = podTemplate({ app: name }) as { spec: { containers: { securityContext: Record<string, unknown> }[] } };
      template.spec.containers[0].securityContext.privileged = true;
      const world = kubernetesWorld().add(resource(kind, name, { metadata: { name, namespace: "shop" }, spec: { selector: { matchLabels: { app: name } }, template } }));
      expect((await runPolicy(policy, world.resources())).violations).toEqual([`${name}: container 'api' is privileged.`]);
    });
  }
});

describe("policies that are not applicable without Istio", () => {
  const meshPolicies = ["kubernetes-istio-peerauthentication-mesh-strict", "kubernetes-istio-mesh-registry-only", "kubernetes-istio-namespace-sidecar-injection"];
  for (const name of meshPolicies) {
    it(`${name} reports nothing for a cluster without Istio`, async () => {
      const policy = kubernetesPolicies.find((p) => p.name === name)!;
      const world = kubernetesWorld();
      for (const r of world.resources()) if (r.type.includes("istio.io") || r.name === "istiod") world.remove(r.name);
      expect((await runPolicy(policy, world.resources())).violations).toEqual([]);
    });
  }
});

describe("kubernetes-core-service-reference-exists: what counts as an existing Service", () => {
  const policy = kubernetesPolicies.find((p) => p.name === "kubernetes-core-service-reference-exists")!;
  it("accepts hosts of Services that charts create (istiod's, a release's own) and ignores look-alikes", async () => {
    const world = kubernetesWorld();
    world.set("shop-sidecar", "spec.egress.0.hosts", ["./*", "istio-system/istiod.istio-system.svc.cluster.local", "istio-ingress/istio-ingressgateway.istio-ingress.svc"]);
    world.set("api", "spec.template.spec.containers.0.env", [
      { name: "XDS", value: "istiod.istio-system.svc:15012" },
      { name: "NOT_A_CLUSTER_HOST", value: "a.b.svc.cluster.local.example.com" },
    ]);
    expect((await runPolicy(policy, world.resources())).violations).toEqual([]);
  });

  it("knows the API server's Service and kube-prometheus-stack's Services, named after its fullnameOverride", async () => {
    const world = kubernetesWorld();
    world.add(resource("kubernetes:helm.sh/v3:Release", "stack", { chart: "kube-prometheus-stack", name: "monitoring", namespace: "observability", values: { fullnameOverride: "mon", grafana: { fullnameOverride: "grafana" } } }));
    world.set("shop-sidecar", "spec.egress.0.hosts", ["./*", "default/kubernetes.default.svc.cluster.local", "observability/mon-prometheus.observability.svc.cluster.local", "observability/grafana.observability.svc"]);
    expect((await runPolicy(policy, world.resources())).violations).toEqual([]);
    // The Service is named after the override, not the release.
    const wrong = kubernetesWorld();
    wrong.add(resource("kubernetes:helm.sh/v3:Release", "stack", { chart: "kube-prometheus-stack", name: "monitoring", namespace: "observability", values: { fullnameOverride: "mon" } }));
    wrong.set("shop-sidecar", "spec.egress.0.hosts", ["./*", "observability/monitoring-prometheus.observability.svc.cluster.local"]);
    expect((await runPolicy(policy, wrong.resources())).violations).toEqual([
      "shop-sidecar: Sidecar 'shop-sidecar' in namespace 'shop' names in-cluster host monitoring-prometheus.observability.svc.cluster.local (at spec.egress[0].hosts[1]), but the stack has no Service 'monitoring-prometheus' in namespace 'observability'.",
    ]);
  });
});
