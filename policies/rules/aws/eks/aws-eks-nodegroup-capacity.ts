import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import type { PolicyResource } from "@pulumi/policy";
import { INSTANCE_TYPES, allocatable } from "../../../data/instanceTypes";
import { ADDON_MODELS, CHART_MODELS, ISTIO_DEFAULT_PROXY, PodGroup, Requests, add, at, chartName, cpuMillis, memoryMiB, requestsOf, surgeOf } from "../../../lib/capacity";
import { inNamespace, injectionEnabled, metadataOf, namespaceName, namespaceOf, objectName } from "../../../lib/k8s";
import { Container, podTemplateOf } from "../../../lib/pods";
import { StackFinding, stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

const HELM_RELEASES = ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"];

/** One pod's requests: its containers, or its largest init container if that is more; plus the sidecar. */
function podRequests(containers: Container[] | undefined, init: Container[] | undefined, sidecar: Requests | undefined): Requests {
  const main = add(...(containers ?? []).map((c) => requestsOf(c.resources)));
  const initMax = (init ?? []).map((c) => requestsOf(c.resources));
  const base = { cpu: Math.max(main.cpu, ...initMax.map((r) => r.cpu)), memory: Math.max(main.memory, ...initMax.map((r) => r.memory)) };
  return sidecar ? add(base, sidecar) : base;
}

const gib = (mib: number) => (mib / 1024).toFixed(2);
const vcpu = (m: number) => (m / 1000).toFixed(2);

/**
 * Every pod the plan deploys fits on the node groups at their minimum size, with one
 * rolling update on top: the CPU and memory requests of Deployments and StatefulSets
 * (HPA minimum, else replicas, with the Istio sidecar in injected namespaces), DaemonSets
 * (once per node), every Helm release's pods and the EKS add-ons' pods, against the
 * instance type's allocatable CPU and memory and its ENI-based pod limit.
 */
export const awsEksNodeGroupCapacity = stackPolicy(
  {
    name: "aws-eks-nodegroup-capacity",
    description:
      "At their minimum size the EKS node groups can schedule every pod the plan deploys plus one rolling update: CPU and memory requests (workloads, Istio sidecars, DaemonSets per node, Helm charts and EKS add-ons) within the instance type's allocatable CPU and memory, and pods within its ENI-based limit. A chart or add-on the check cannot model is a violation.",
    severity: "high",
    remediationSteps:
      "Raise the node group's minimum size (cluster.minSize) or pick a larger instance type (cluster.instanceType), or lower the requests; for a new chart or add-on, add its model to policies/lib/capacity.ts and its instance type to policies/data/instanceTypes.ts.",
    frameworks: ["platform"],
  },
  (stack, args) => {
    const groups = stack.ofType(aws.eks.NodeGroup);
    if (groups.length === 0) args.notApplicable("The stack has no EKS node group.");
    const findings: StackFinding[] = [];
    const first = groups[0];

    // Capacity: every node group at its minimum size.
    let nodes = 0;
    let perNodeCapacity: { cpuMillis: number; memoryMiB: number; pods: number } | undefined;
    const capacity = { cpu: 0, memory: 0, pods: 0 };
    const shapes: string[] = [];
    for (const ng of groups) {
      const type = (known(() => ng.props.instanceTypes) as string[] | undefined)?.[0] ?? "t3.medium";
      const min = known(() => ng.props.scalingConfig?.minSize) as number | undefined;
      const data = INSTANCE_TYPES[type];
      if (!data) {
        findings.push({ urn: ng.urn, message: `${label(ng)}: no capacity data for instance type ${type} (add it to policies/data/instanceTypes.ts).` });
        continue;
      }
      if (typeof min !== "number") continue;
      const a = allocatable(data);
      nodes += min;
      capacity.cpu += min * a.cpuMillis;
      capacity.memory += min * a.memoryMiB;
      capacity.pods += min * a.pods;
      perNodeCapacity = perNodeCapacity && perNodeCapacity.cpuMillis < a.cpuMillis ? perNodeCapacity : a;
      shapes.push(`${min} x ${type}`);
    }

    // The mesh: injected namespaces and the proxy's requests.
    const injected = new Set(stack.ofType(k8s.core.v1.Namespace).filter((ns) => injectionEnabled(metadataOf(ns).labels)).map(namespaceName));
    const istiod = stack.ofType(...HELM_RELEASES).find((r) => chartName(String(known(() => r.props.chart) ?? "")) === "istiod");
    const meshProxy = at(known(() => istiod?.props.values), "global.proxy.resources") as { requests?: unknown } | undefined;
    const proxy = meshProxy?.requests ? requestsOf(meshProxy) : ISTIO_DEFAULT_PROXY;
    const sidecarFor = (namespace: string, meta: { labels?: Record<string, string>; annotations?: Record<string, string> }): Requests | undefined => {
      const inject = meta.labels?.["sidecar.istio.io/inject"] ?? meta.annotations?.["sidecar.istio.io/inject"];
      if (inject === "false" || (!injected.has(namespace) && inject !== "true")) return undefined;
      const a = meta.annotations ?? {};
      return {
        cpu: a["sidecar.istio.io/proxyCPU"] ? cpuMillis(a["sidecar.istio.io/proxyCPU"]) : proxy.cpu,
        memory: a["sidecar.istio.io/proxyMemory"] ? memoryMiB(a["sidecar.istio.io/proxyMemory"]) : proxy.memory,
      };
    };

    // Demand: workloads, charts and add-ons.
    const pods: PodGroup[] = [];
    const workloads = stack.ofType(k8s.apps.v1.Deployment, k8s.apps.v1.StatefulSet, k8s.apps.v1.DaemonSet, k8s.core.v1.Pod);
    for (const w of workloads) {
      const props = known(() => w.props) as Record<string, any> | undefined;
      if (!props) continue;
      const ns = namespaceOf(w);
      const name = objectName(w);
      const kind = w.type.split(":").pop()!;
      const template = podTemplateOf(w.type, props);
      const requests = podRequests(template.spec.containers, template.spec.initContainers, sidecarFor(ns, template.metadata));
      if (kind === "DaemonSet") {
        pods.push({ source: `DaemonSet '${ns}/${name}'`, requests, count: 1, perNode: true });
        continue;
      }
      const hpa = inNamespace(stack, ns, k8s.autoscaling.v2.HorizontalPodAutoscaler).find((h: PolicyResource) => {
        const ref = known(() => h.props.spec?.scaleTargetRef) as { kind?: string; name?: string } | undefined;
        return ref?.kind === kind && ref?.name === name;
      });
      const count = hpa ? ((known(() => hpa.props.spec?.minReplicas) as number | undefined) ?? 1) : kind === "Pod" ? 1 : ((props.spec?.replicas as number | undefined) ?? 1);
      const surge = kind === "Deployment" ? surgeOf(props.spec?.strategy?.rollingUpdate?.maxSurge, count) : 0;
      pods.push({ source: `${kind} '${ns}/${name}'`, requests, count, perNode: false, surge });
    }
    for (const r of stack.ofType(...HELM_RELEASES)) {
      const chart = chartName(String(known(() => r.props.chart) ?? ""));
      const model = CHART_MODELS[chart];
      if (!model) {
        findings.push({ urn: r.urn, message: `${label(r)}: no capacity model for chart ${chart} (add it to policies/lib/capacity.ts).` });
        continue;
      }
      const ns = String(known(() => r.props.namespace) ?? "default");
      const sidecar = chart === "gateway" ? undefined : sidecarFor(ns, {});
      for (const g of model(known(() => r.props.values) ?? {}, r.name)) {
        pods.push({ ...g, source: `chart ${chart} ('${r.name}')`, requests: sidecar && !g.perNode ? add(g.requests, sidecar) : g.requests });
      }
    }
    for (const a of stack.ofType(aws.eks.Addon)) {
      const addonName = String(known(() => a.props.addonName) ?? "");
      const model = ADDON_MODELS[addonName];
      if (!model) {
        findings.push({ urn: a.urn, message: `${label(a)}: no capacity model for EKS add-on ${addonName} (add it to policies/lib/capacity.ts).` });
        continue;
      }
      const raw = known(() => a.props.configurationValues);
      let config: unknown = {};
      try {
        config = typeof raw === "string" && raw !== "" ? JSON.parse(raw) : {};
      } catch {
        config = {};
      }
      const groups = model(config);
      if (!groups) {
        findings.push({ urn: a.urn, message: `${label(a)}: no capacity model for EKS add-on ${addonName} with its configurationValues (add it to policies/lib/capacity.ts).` });
        continue;
      }
      for (const g of groups) pods.push({ ...g, source: `EKS add-on ${addonName}` });
    }

    if (nodes === 0 || !perNodeCapacity) return findings;

    // Per node: the DaemonSets' share, and every pod must fit on one node next to them.
    const daemon = pods.filter((p) => p.perNode);
    const perNode = { ...add(...daemon.map((p) => p.requests)), pods: daemon.length };
    for (const p of pods.filter((p) => !p.perNode)) {
      if (p.requests.cpu + perNode.cpu > perNodeCapacity.cpuMillis || p.requests.memory + perNode.memory > perNodeCapacity.memoryMiB) {
        findings.push({
          urn: first.urn,
          message: `A pod of ${p.source} requests ${vcpu(p.requests.cpu)} vCPU / ${gib(p.requests.memory)} GiB, more than one node allocates next to the DaemonSets (${vcpu(perNodeCapacity.cpuMillis - perNode.cpu)} vCPU / ${gib(perNodeCapacity.memoryMiB - perNode.memory)} GiB).`,
        });
      }
    }

    // In total, at minimum size, with the largest Deployment's rolling-update surge.
    const replicated = pods.filter((p) => !p.perNode);
    const surge = replicated.reduce(
      (best, p) => {
        const s = { cpu: (p.surge ?? 0) * p.requests.cpu, memory: (p.surge ?? 0) * p.requests.memory, pods: p.surge ?? 0 };
        return s.cpu + s.memory > best.cpu + best.memory ? s : best;
      },
      { cpu: 0, memory: 0, pods: 0 },
    );
    const demand = {
      cpu: replicated.reduce((a, p) => a + p.count * p.requests.cpu, 0) + nodes * perNode.cpu + surge.cpu,
      memory: replicated.reduce((a, p) => a + p.count * p.requests.memory, 0) + nodes * perNode.memory + surge.memory,
      pods: replicated.reduce((a, p) => a + p.count, 0) + nodes * perNode.pods + surge.pods,
    };
    const short = [
      demand.cpu > capacity.cpu ? `${vcpu(demand.cpu - capacity.cpu)} vCPU` : "",
      demand.memory > capacity.memory ? `${gib(demand.memory - capacity.memory)} GiB` : "",
      demand.pods > capacity.pods ? `${demand.pods - capacity.pods} pods` : "",
    ].filter(Boolean);
    if (short.length > 0) {
      findings.push({
        urn: first.urn,
        message: `The plan requests ${vcpu(demand.cpu)} vCPU / ${gib(demand.memory)} GiB / ${demand.pods} pods at minimum size (with one rolling update); ${shapes.join(" + ")} allocate ${vcpu(capacity.cpu)} vCPU / ${gib(capacity.memory)} GiB / ${capacity.pods} pods: short by ${short.join(", ")}.`,
      });
    }
    return findings;
  },
);
