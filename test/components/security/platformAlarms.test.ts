import { describe, expect, it } from "vitest";
import { ALARM_THRESHOLDS, podCpuAlarm, podMemoryAlarm } from "../../../components/security/alarms";
import { CONTAINER_INSIGHTS_METRICS } from "../../../policies/lib/containerInsights";
import { awsCloudwatchMetricAlarmMetricProduced } from "../../../policies/rules/aws/cloudwatch/aws-cloudwatch-metricalarm-metric-produced";
import type { PlanResource } from "../../../tools/plan/types";
import { runPolicy } from "../../policies/fixtures";
import { STACKS, clonePlan, loadPlan, ofType, single } from "../../support/plans";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:topic/alarms-topic";
const SERVICES = ["order", "product", "user"];
const BASE = { alarmName: "a", alarmDescription: "d", topicArn: TOPIC };
const DIMS = { clusterName: "c1", namespace: "order", podName: "order" };

type Metric = { namespace: string; metricName: string; dimensions: Record<string, string> };
/** Every metric an alarm reads: its own, or its metric queries'. */
const metricsOf = (a: PlanResource): Metric[] => {
  const i = a.inputs as Record<string, any>;
  return i.metricName ? [i as Metric] : (i.metricQueries as { metric?: Metric }[]).flatMap((q) => (q.metric ? [q.metric] : []));
};

describe("the pod alarms", () => {
  it("compute CPU against the pods' requests from two metrics that share the node's CPU as denominator", () => {
    const dimensions = { ClusterName: "c1", Namespace: "order", PodName: "order" };
    expect(podCpuAlarm(BASE, DIMS, 90)).toEqual({
      name: "a",
      alarmDescription: "d",
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 90,
      treatMissingData: "missing",
      alarmActions: [TOPIC],
      okActions: [TOPIC],
      insufficientDataActions: [TOPIC],
      metricQueries: [
        { id: "usage", returnData: false, metric: { namespace: "ContainerInsights", metricName: "pod_cpu_utilization", dimensions, period: 60, stat: "Average" } },
        { id: "requested", returnData: false, metric: { namespace: "ContainerInsights", metricName: "pod_cpu_reserved_capacity", dimensions, period: 60, stat: "Average" } },
        { id: "ofRequest", label: "Pod CPU (% of its request)", expression: "100 * usage / requested", returnData: true },
      ],
    });
  });

  it("watch memory against the pods' limit", () => {
    expect(podMemoryAlarm(BASE, DIMS, 80)).toMatchObject({
      namespace: "ContainerInsights",
      metricName: "pod_memory_utilization_over_pod_limit",
      dimensions: { ClusterName: "c1", Namespace: "order", PodName: "order" },
      statistic: "Average",
      period: 60,
      threshold: 80,
      insufficientDataActions: [TOPIC],
    });
  });

  it("alarm on CPU above the HPA's target: 90% of the request, memory at 80% of the limit", () => {
    expect(ALARM_THRESHOLDS).toMatchObject({ cpuPercent: 90, memoryPercent: 80 });
  });
});

describe.each(STACKS)("the alarms of the %s plan", (stack) => {
  const doc = loadPlan(stack);
  const alarms = ofType(doc, ALARM);

  it("watch each service's pods by cluster, namespace and Deployment name", () => {
    for (const svc of SERVICES) {
      const dimensions = { ClusterName: `platform-${stack}`, Namespace: svc, PodName: svc };
      const cpu = single(doc, ALARM, `alarms-${svc}-cpu`).inputs as Record<string, any>;
      expect(cpu.metricQueries.map((q: { metric?: Metric }) => q.metric && [q.metric.metricName, q.metric.dimensions])).toEqual([
        ["pod_cpu_utilization", dimensions],
        ["pod_cpu_reserved_capacity", dimensions],
        undefined,
      ]);
      expect(cpu).toMatchObject({ threshold: 90, comparisonOperator: "GreaterThanThreshold", alarmDescription: `${svc}: pod CPU above 90% of its request for 5 minutes.` });
      expect(cpu.namespace).toBeUndefined();
      expect(single(doc, ALARM, `alarms-${svc}-memory`).inputs).toMatchObject({ metricName: "pod_memory_utilization_over_pod_limit", dimensions });
    }
  });

  it("name pods the plan deploys, whose containers set memory limits and no CPU limit", () => {
    for (const svc of SERVICES) {
      const deployment = ofType(doc, "kubernetes:apps/v1:Deployment").find((d) => (d.inputs as any).metadata.name === svc && (d.inputs as any).metadata.namespace === svc);
      expect(deployment, svc).toBeDefined();
      const containers = (deployment!.inputs as any).spec.template.spec.containers as { resources: { limits: Record<string, string> } }[];
      for (const c of containers) {
        expect(c.resources.limits.memory).toBeDefined();
        expect(c.resources.limits.cpu).toBeUndefined();
      }
    }
  });

  it("use only Container Insights metrics and dimension sets the CloudWatch agent emits", () => {
    const watched = alarms.flatMap(metricsOf).filter((m) => m.namespace === "ContainerInsights");
    expect(watched).toHaveLength(9);
    for (const m of watched) {
      const keys = Object.keys(m.dimensions).sort();
      expect(CONTAINER_INSIGHTS_METRICS.get(m.metricName)?.map((s) => s.join(","))).toContain(keys.join(","));
    }
    expect(watched.map((m) => m.metricName)).not.toContain("pod_cpu_utilization_over_pod_limit");
  });

  it("take each service's 5xx and latency dimensions from the edge load balancer and that service's own target group, the one its API rule forwards to", () => {
    const alb = alarms.filter((a) => metricsOf(a).some((m) => m.namespace === "AWS/ApplicationELB"));
    expect(alb.map((a) => a.name).sort()).toEqual([...SERVICES.flatMap((s) => [`alarms-${s}-5xx`, `alarms-${s}-latency`, `alarms-${s}-no-healthy-targets`]), "alarms-api-elb-5xx"].sort());
    const routes = ofType(doc, "aws:lb/listenerRule:ListenerRule");
    for (const svc of SERVICES) {
      const tg = single(doc, "aws:lb/targetGroup:TargetGroup", `edge-gateway-${svc}`);
      const dims = { LoadBalancer: "app/edge-alb/50dc6c495c0c9188", TargetGroup: `targetgroup/edge-gateway-${svc}/73e2d6bc24d8a067` };
      const errors = single(doc, ALARM, `alarms-${svc}-5xx`);
      const latency = single(doc, ALARM, `alarms-${svc}-latency`);
      expect(metricsOf(errors).map((m) => [m.metricName, m.dimensions])).toEqual([
        ["HTTPCode_Target_5XX_Count", dims],
        ["RequestCount", dims],
      ]);
      expect(metricsOf(latency).map((m) => [m.metricName, m.dimensions])).toEqual([["TargetResponseTime", dims]]);
      const unhealthy = single(doc, ALARM, `alarms-${svc}-no-healthy-targets`);
      expect(unhealthy.inputs).toMatchObject({ namespace: "AWS/ApplicationELB", metricName: "HealthyHostCount", dimensions: dims, statistic: "Minimum", comparisonOperator: "LessThanThreshold", threshold: 1, datapointsToAlarm: 2 });
      // Read from the plan's own target group (an output dependency) and load balancer.
      for (const a of [errors, latency]) expect(a.dependencies).toEqual(expect.arrayContaining([tg.urn, single(doc, "aws:lb/loadBalancer:LoadBalancer", "edge-alb").urn]));
      // The target group is the forward target of exactly the service's rule.
      const forwarding = routes.filter((r) => (r.inputs.actions as { targetGroupArn: string }[])[0].targetGroupArn === `arn:aws:lb:us-east-1:123456789012:targetgroup/edge-gateway-${svc}`);
      expect(forwarding.map((r) => r.name)).toEqual([`edge-route-${svc}s`]);
    }
  });

  it("watch the 5xx the load balancer makes itself, which no target group counts", () => {
    expect(single(doc, ALARM, "alarms-api-elb-5xx").inputs).toMatchObject({
      namespace: "AWS/ApplicationELB",
      metricName: "HTTPCode_ELB_5XX_Count",
      dimensions: { LoadBalancer: "app/edge-alb/50dc6c495c0c9188" },
      statistic: "Sum",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 10,
    });
  });

  it("fail aws-cloudwatch-metricalarm-metric-produced on the old API-wide target group, which the plan no longer has", async () => {
    const old = clonePlan(doc);
    const latency = single(old, ALARM, "alarms-user-latency");
    Object.assign(latency.inputs, { dimensions: { LoadBalancer: "app/edge-alb/50dc6c495c0c9188", TargetGroup: "targetgroup/edge-gateway/73e2d6bc24d8a067" } });
    (latency as { dependencies: string[] }).dependencies = latency.dependencies.filter((u) => !u.endsWith("::edge-gateway-user"));
    expect((await runPolicy(awsCloudwatchMetricAlarmMetricProduced, old.resources)).violations).toEqual([
      "alarms-user-latency: MetricAlarm 'alarms-user-latency': AWS/ApplicationELB TargetResponseTime has dimension TargetGroup=targetgroup/edge-gateway/73e2d6bc24d8a067, which is the arnSuffix of no target group in the plan.",
    ]);
  });

  it("pass aws-cloudwatch-metricalarm-metric-produced, which the old CPU alarm (over the pods' CPU limit) fails", async () => {
    expect((await runPolicy(awsCloudwatchMetricAlarmMetricProduced, doc.resources)).violations).toEqual([]);
    const old = clonePlan(doc);
    const cpu = single(old, ALARM, "alarms-order-cpu");
    const dimensions = { ClusterName: `platform-${stack}`, Namespace: "order", PodName: "order" };
    delete (cpu.inputs as Record<string, unknown>).metricQueries;
    Object.assign(cpu.inputs, { namespace: "ContainerInsights", metricName: "pod_cpu_utilization_over_pod_limit", dimensions, statistic: "Average", period: 60 });
    expect((await runPolicy(awsCloudwatchMetricAlarmMetricProduced, old.resources)).violations).toEqual([
      "alarms-order-cpu: MetricAlarm 'alarms-order-cpu': ContainerInsights pod_cpu_utilization_over_pod_limit exists only for pods whose every container has a cpu limit; container(s) order of Deployment 'order/order' have none.",
    ]);
  });

  it("fail it without the add-on: nothing else produces the Container Insights metrics", async () => {
    const without = clonePlan(doc);
    (without as { resources: PlanResource[] }).resources = without.resources.filter((r) => r.name !== "cluster-insights-addon");
    const { violations } = await runPolicy(awsCloudwatchMetricAlarmMetricProduced, without.resources);
    expect(violations.map((v) => v.split(":")[0]).sort()).toEqual(SERVICES.flatMap((s) => [`alarms-${s}-cpu`, `alarms-${s}-memory`]).sort());
    expect(violations[0]).toContain(`its ContainerInsights metrics of cluster platform-${stack} have no producer`);
  });
});
