import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { ClusterOidc, irsaTrustPolicy } from "../shared/iam";
import { IstioObject } from "../microservice/istio";
import { KUBE_PROMETHEUS_STACK_CHART } from "./charts";
import { dashboards } from "./dashboards";
import {
  GRAFANA_URL,
  MONITORING,
  PROMETHEUS_URL,
  PrometheusSettings,
  alertPublishPolicy,
  ebsVolumeKeyPolicy,
  kubernetesApiCidr,
  monitoringAuthorizationPolicies,
  monitoringNetworkPolicies,
  monitoringValues,
  storageClassArgs,
} from "./metrics";

export interface MonitoringArgs extends ClusterOidc {
  /** The stack's AWS region (the AWS API hosts and the exporters' endpoints). */
  readonly region: string;
  /** The services (their namespaces): scraped, alerted on, on the dashboards. */
  readonly services: readonly string[];
  /** Other namespaces whose sidecars are scraped (the ingress gateway's). */
  readonly extraScrapedNamespaces: readonly string[];
  /** The application subnets' CIDRs (kubelet probes in, API server and AWS endpoints out). */
  readonly applicationCidrs: readonly string[];
  /** The Kubernetes service range (its first address is the API server's ClusterIP). */
  readonly serviceCidr: string;
  /** The alarm topic Alertmanager publishes to. */
  readonly alarmTopicArn: pulumi.Input<string>;
  /** The alarm topic's KMS key (Alertmanager may use it only through SNS). */
  readonly alarmTopicKeyArn: pulumi.Input<string>;
  /** The cluster's EBS volumes key, which encrypts Prometheus's volumes. */
  readonly volumesKeyArn: pulumi.Input<string>;
  /** The EBS CSI driver's IRSA role name: it gets the grants on the volumes key. */
  readonly ebsCsiRoleName: pulumi.Input<string>;
  /** Prometheus's retention, volume, replicas and memory. */
  readonly prometheus: PrometheusSettings;
  /**
   * How long Helm waits for the release, in seconds.
   * @default - 900: the CRDs, the operator and the first volumes.
   */
  readonly timeoutSeconds?: number;
}

/**
 * Prometheus, Alertmanager and Grafana by the pinned kube-prometheus-stack chart in the
 * meshed `observability` namespace (which Observability creates and fences): the encrypted
 * gp3 StorageClass, the NetworkPolicies and AuthorizationPolicies of each component,
 * Alertmanager's IRSA role (publish to the alarm topic only), Grafana's generated admin
 * password in a Secret, and the dashboards as ConfigMaps.
 *
 * Providers: `aws`, `kubernetes` and `random` through `opts.providers`.
 */
export class Monitoring extends pulumi.ComponentResource {
  /** `http://monitoring-prometheus.observability.svc.cluster.local:9090`. */
  public readonly prometheusUrl: string;
  /** `http://grafana.observability.svc.cluster.local:80`. */
  public readonly grafanaUrl: string;
  public readonly alertmanagerRoleArn: pulumi.Output<string>;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:Monitoring", name, {}, opts);
    const ns = MONITORING.namespace;
    const child = { parent: this };
    const meta = (objectName: string, labels: Record<string, string> = {}) => ({ name: objectName, namespace: ns, labels: { "app.kubernetes.io/part-of": "monitoring", ...labels } });

    // Storage: gp3, encrypted with the cluster's volumes key, which the EBS CSI driver may use for volumes only.
    // A managed policy: the role already has AWS's managed driver policy, and inline and managed are not mixed.
    const ebsKeyPolicy = new aws.iam.Policy(
      `${name}-ebs-key-policy`,
      {
        description: "The EBS CSI driver may use the cluster's volumes key for the PersistentVolumes it creates.",
        policy: pulumi.output(args.volumesKeyArn).apply((arn) => JSON.stringify(ebsVolumeKeyPolicy(arn))),
      },
      child,
    );
    const ebsKeyUse = new aws.iam.RolePolicyAttachment(`${name}-ebs-key-attachment`, { role: args.ebsCsiRoleName, policyArn: ebsKeyPolicy.arn }, child);
    const storage = new k8s.storage.v1.StorageClass(`${name}-storage-class`, storageClassArgs(args.volumesKeyArn), {
      parent: this,
      dependsOn: [ebsKeyUse],
    });

    // Fences: each component's NetworkPolicy and the mesh's allow rules.
    const scraped = [...args.services, ...args.extraScrapedNamespaces];
    const fences: pulumi.Resource[] = Object.entries(
      monitoringNetworkPolicies({ scrapedNamespaces: scraped, applicationCidrs: args.applicationCidrs, kubernetesApiCidr: kubernetesApiCidr(args.serviceCidr) }),
    ).map(([role, spec]) => new k8s.networking.v1.NetworkPolicy(`${name}-${role}`, { metadata: meta(role), spec }, child));
    const custom = (obj: IstioObject) =>
      new k8s.apiextensions.CustomResource(`${name}-${obj.kind.toLowerCase()}-${obj.name}`, { apiVersion: obj.apiVersion, kind: obj.kind, metadata: meta(obj.name), spec: obj.spec }, child);
    fences.push(...monitoringAuthorizationPolicies().map(custom));

    // Alertmanager: publish to the alarm topic, with its key's data keys; nothing else.
    const role = new aws.iam.Role(
      `${name}-alertmanager-role`,
      {
        description: `IRSA for ${ns}/${MONITORING.alertmanager.serviceAccount}: publishes alerts to the stack's alarm topic.`,
        assumeRolePolicy: irsaTrustPolicy({
          oidcProviderArn: args.oidcProviderArn,
          issuerHost: args.oidcIssuerHost,
          namespace: ns,
          serviceAccount: MONITORING.alertmanager.serviceAccount,
        }),
      },
      child,
    );
    const publish = new aws.iam.RolePolicy(
      `${name}-alertmanager-policy`,
      {
        role: role.name,
        policy: pulumi.all([pulumi.output(args.alarmTopicArn), pulumi.output(args.alarmTopicKeyArn)]).apply(([topic, key]) => JSON.stringify(alertPublishPolicy(args.region, topic, key))),
      },
      child,
    );

    // Grafana's admin: a generated password in a Secret the chart reads; never in the values.
    const password = new random.RandomPassword(`${name}-grafana-admin-password`, { length: 32, special: false }, child);
    const adminSecret = new k8s.core.v1.Secret(
      `${name}-grafana-admin`,
      {
        metadata: meta(MONITORING.adminSecret.name),
        type: "Opaque",
        stringData: { [MONITORING.adminSecret.userKey]: "admin", [MONITORING.adminSecret.passwordKey]: password.result },
      },
      { parent: this, additionalSecretOutputs: ["stringData", "data"] },
    );

    // Dashboards: JSON ConfigMaps with the label the Grafana sidecar watches.
    const boards = dashboards(args.services).map(
      (d) =>
        new k8s.core.v1.ConfigMap(
          `${name}-${d.configMap}`,
          { metadata: meta(d.configMap, { [MONITORING.dashboardLabel.key]: MONITORING.dashboardLabel.value }), data: { [d.file]: JSON.stringify(d.dashboard) } },
          child,
        ),
    );

    new k8s.helm.v3.Release(
      `${name}-stack`,
      {
        name: MONITORING.release,
        chart: KUBE_PROMETHEUS_STACK_CHART.chart,
        version: KUBE_PROMETHEUS_STACK_CHART.version,
        repositoryOpts: { repo: KUBE_PROMETHEUS_STACK_CHART.repo },
        namespace: ns,
        values: monitoringValues({
          region: args.region,
          scrapedNamespaces: scraped,
          services: args.services,
          prometheus: args.prometheus,
          alertmanagerRoleArn: role.arn,
          topicArn: args.alarmTopicArn,
        }),
        atomic: true,
        cleanupOnFail: true,
        timeout: args.timeoutSeconds ?? 900,
      },
      { parent: this, dependsOn: [storage, publish, adminSecret, ...boards, ...fences] },
    );

    this.prometheusUrl = PROMETHEUS_URL;
    this.grafanaUrl = GRAFANA_URL;
    this.alertmanagerRoleArn = role.arn;
    this.registerOutputs({ prometheusUrl: this.prometheusUrl, grafanaUrl: this.grafanaUrl, alertmanagerRoleArn: this.alertmanagerRoleArn});
  }
}
