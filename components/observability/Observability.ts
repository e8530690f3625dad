import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { IstioObject } from "../microservice/istio";
import { namespaceMetadata } from "../microservice/manifests";
import { ClusterOidc, irsaTrustPolicy } from "../shared/iam";
import { AwsIdentity } from "../shared/identity";
import { FLUENT_BIT_CHART, OTEL_COLLECTOR_CHART } from "./charts";
import { Monitoring, MonitoringArgs } from "./Monitoring";
import { KUBERNETES_API_HOST, monitoringApiHosts } from "./metrics";
import {
  COLLECTOR_LABELS,
  OBSERVABILITY,
  collectorMeshObjects,
  collectorNetworkPolicies,
  collectorValues,
  logGroupArn,
  logShipperPolicy,
  logShipperValues,
  xrayWritePolicy,
} from "./manifests";

export interface ObservabilityArgs extends ClusterOidc {
  /** The account, partition and region (IRSA policies, log group ARNs, the AWS API hosts). */
  readonly identity: AwsIdentity;
  /** Namespaces whose sidecars send traces to the collector. */
  readonly traceSenders: readonly string[];
  /** Their mesh identities (`<trust domain>/ns/<ns>/sa/<sa>`), allowed by the collector's AuthorizationPolicy. */
  readonly senderPrincipals: readonly string[];
  /** The application subnets' CIDRs (kubelet probes in, the AWS interface endpoints out). */
  readonly applicationCidrs: readonly string[];
  /** Each service and its log group (from its MicroservicePod), where Fluent Bit ships the namespace's logs. */
  readonly logGroups: readonly { readonly service: string; readonly logGroupName: pulumi.Input<string> }[];
  /** The metrics stack's inputs: what it scrapes and alerts on, where alerts go, how it stores. */
  /** What the metrics stack needs beyond the namespace's own inputs (see `MonitoringArgs`). */
  readonly monitoring: Pick<
    MonitoringArgs,
    "services" | "extraScrapedNamespaces" | "serviceCidr" | "alarmTopicArn" | "alarmTopicKeyArn" | "volumesKeyArn" | "ebsCsiRoleName" | "prometheus"
  >;
  /**
   * Collector pods.
   * @default - 2, with a PDB keeping one.
   */
  readonly collectorReplicas?: number;
  /**
   * How long Helm waits for each release, in seconds.
   * @default - 600.
   */
  readonly timeoutSeconds?: number;
}

/**
 * The shared in-cluster observability services: the `observability` namespace (sidecar
 * injection, Pod Security `restricted`, default-deny NetworkPolicies and AuthorizationPolicy,
 * REGISTRY_ONLY Sidecar), the OpenTelemetry collector (OTLP gRPC in, AWS X-Ray out, its own
 * IRSA role) the mesh traces to, and Fluent Bit in kube-system shipping each service
 * namespace's container logs to its service's KMS-encrypted log group (its own IRSA role),
 * and {@link Monitoring}: Prometheus, Alertmanager (to the alarm topic) and Grafana.
 *
 * Providers: `aws`, `kubernetes` and `random` through `opts.providers`.
 */
export class Observability extends pulumi.ComponentResource {
  public readonly namespace: string;
  /** `otel-collector.observability.svc.cluster.local`. */
  public readonly collectorHost: string;
  public readonly collectorRoleArn: pulumi.Output<string>;
  public readonly logShipperRoleArn: pulumi.Output<string>;
  /** Prometheus's and Grafana's in-cluster URLs. */
  public readonly prometheusUrl: string;
  public readonly grafanaUrl: string;

  constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:Observability", name, {}, opts);
    const ns = OBSERVABILITY.namespace;
    const irsa = (id: string, namespace: string, serviceAccount: string, description: string) =>
      new aws.iam.Role(
        `${name}-${id}-role`,
        {
          description,
          assumeRolePolicy: irsaTrustPolicy({ oidcProviderArn: args.oidcProviderArn, issuerHost: args.oidcIssuerHost, namespace, serviceAccount }),
        },
        { parent: this },
      );

    // The namespace, fenced before anything runs in it.
    const namespace = new k8s.core.v1.Namespace(`${name}-ns`, { metadata: namespaceMetadata(ns) }, { parent: this });
    const inNs = { parent: this, dependsOn: [namespace] };
    const meta = (objectName: string) => ({ name: objectName, namespace: ns, labels: { ...COLLECTOR_LABELS } });
    const fences: pulumi.Resource[] = Object.entries(collectorNetworkPolicies({ senders: args.traceSenders, applicationCidrs: args.applicationCidrs })).map(
      ([role, spec]) => new k8s.networking.v1.NetworkPolicy(`${name}-${role}`, { metadata: meta(role), spec }, inNs),
    );
    const custom = (obj: IstioObject) =>
      new k8s.apiextensions.CustomResource(`${name}-${obj.kind.toLowerCase()}-${obj.name}`, { apiVersion: obj.apiVersion, kind: obj.kind, metadata: meta(obj.name), spec: obj.spec }, inNs);
    fences.push(
      ...collectorMeshObjects({
        region: args.identity.region,
        senderPrincipals: args.senderPrincipals,
        extraApiHosts: monitoringApiHosts(args.identity.region),
        extraMeshHosts: [`default/${KUBERNETES_API_HOST}`],
      }).map(custom),
    );

    // The collector: X-Ray writes only.
    const collectorRole = irsa("collector", ns, OBSERVABILITY.collector, `IRSA for ${ns}/${OBSERVABILITY.collector}: writes traces to AWS X-Ray.`);
    const collectorPolicy = new aws.iam.RolePolicy(`${name}-collector-policy`, { role: collectorRole.name, policy: JSON.stringify(xrayWritePolicy()) }, { parent: this });
    new k8s.helm.v3.Release(
      `${name}-collector`,
      {
        name: OBSERVABILITY.collector,
        chart: OTEL_COLLECTOR_CHART.chart,
        version: OTEL_COLLECTOR_CHART.version,
        repositoryOpts: { repo: OTEL_COLLECTOR_CHART.repo },
        namespace: ns,
        values: collectorValues({ region: args.identity.region, roleArn: collectorRole.arn, replicas: args.collectorReplicas ?? 2 }),
        atomic: true,
        cleanupOnFail: true,
        timeout: args.timeoutSeconds ?? 600,
      },
      { parent: this, dependsOn: [namespace, collectorPolicy, ...fences] },
    );

    // The log shipper: the three Logs calls on the services' groups only.
    const shipperRole = irsa(
      "log-shipper",
      OBSERVABILITY.logShipperNamespace,
      OBSERVABILITY.logShipper,
      `IRSA for ${OBSERVABILITY.logShipperNamespace}/${OBSERVABILITY.logShipper}: ships the services' container logs to their log groups.`,
    );
    const groups = pulumi.all(args.logGroups.map((g) => pulumi.output(g.logGroupName)));
    const shipperPolicy = new aws.iam.RolePolicy(
      `${name}-log-shipper-policy`,
      {
        role: shipperRole.name,
        policy: pulumi
          .all([pulumi.output(args.identity.partition), pulumi.output(args.identity.accountId), groups])
          .apply(([partition, accountId, names]) => JSON.stringify(logShipperPolicy(names.map((n) => logGroupArn(partition, args.identity.region, accountId, n))))),
      },
      { parent: this },
    );
    new k8s.helm.v3.Release(
      `${name}-log-shipper`,
      {
        name: OBSERVABILITY.logShipper,
        chart: FLUENT_BIT_CHART.chart,
        version: FLUENT_BIT_CHART.version,
        repositoryOpts: { repo: FLUENT_BIT_CHART.repo },
        namespace: OBSERVABILITY.logShipperNamespace,
        values: groups.apply((names) =>
          logShipperValues({
            region: args.identity.region,
            roleArn: shipperRole.arn,
            logGroups: args.logGroups.map((g, i) => ({ service: g.service, logGroupName: names[i] })),
          }),
        ),
        atomic: true,
        cleanupOnFail: true,
        timeout: args.timeoutSeconds ?? 600,
      },
      { parent: this, dependsOn: [shipperPolicy] },
    );

    // Prometheus, Alertmanager and Grafana, behind the namespace's fences.
    const monitoring = new Monitoring(
      `${name}-monitoring`,
      {
        region: args.identity.region,
        oidcProviderArn: args.oidcProviderArn,
        oidcIssuerHost: args.oidcIssuerHost,
        ...args.monitoring,
        applicationCidrs: args.applicationCidrs,
        timeoutSeconds: args.timeoutSeconds,
      },
      { parent: this, dependsOn: [namespace, ...fences] },
    );

    this.namespace = ns;
    this.prometheusUrl = monitoring.prometheusUrl;
    this.grafanaUrl = monitoring.grafanaUrl;
    this.collectorHost = `${OBSERVABILITY.collector}.${ns}.svc.cluster.local`;
    this.collectorRoleArn = collectorRole.arn;
    this.logShipperRoleArn = shipperRole.arn;
    this.registerOutputs({ collectorRoleArn: this.collectorRoleArn, logShipperRoleArn: this.logShipperRoleArn });
  }
}
