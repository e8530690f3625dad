/**
 * The Kubernetes objects of one microservice (namespace, quota, Deployment, Service,
 * HPA, PDB, NetworkPolicies), as pure functions of its settings: what MicroservicePod
 * registers, testable without a cluster. Its Istio objects are in ./istio.ts.
 */
import type * as Input from "@pulumi/kubernetes/types/input";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceDataBinding } from "../data/bindings";
import { MESH } from "../mesh/values";
import { METRICS_SCRAPER } from "../observability/scraper";
import { MOUNTS } from "./binding";
import { Workload, cpuMillis, memoryMiB } from "./workload";


/** The sidecar's resources, pinned per pod so quotas can count them. */
export const SIDECAR = { cpuMillis: 100, memoryMiB: 128, memoryLimitMiB: 256 } as const;
/** UID/GID the application runs as (never root). */
const APP_UID = 10001;
/** Seconds between SIGTERM and SIGKILL; the preStop sleep drains endpoints first. */
const TERMINATION_GRACE_SECONDS = 45;
const PRESTOP_SLEEP_SECONDS = 10;
/** The HPA's CPU target (platform.md). */
const HPA_CPU_PERCENT = 70;
/** Ports of istiod (xDS and CA) and of the sidecar agent's health endpoints. */
const ISTIOD_PORT = 15012;
export const SIDECAR_HEALTH_PORTS = [15020, 15021] as const;
/**
 * Mount options of the EFS volume: TLS in transit, and IAM authorization, which the
 * file system's policy requires for every mount (the EFS CSI driver passes them to
 * `mount -t efs`).
 */
export const EFS_MOUNT_OPTIONS = ["tls", "iam"] as const;

/**
 * The AWS API hosts a pod reaches besides its data binding's: STS, where the SDK
 * exchanges the IRSA web-identity token for credentials (the regional endpoint, through
 * the VPC's interface endpoint; the service account pins the SDK to it), and Secrets
 * Manager when the role may read secrets (the `secrets` setting or the binding's), so the
 * application can re-read a rotated secret itself.
 */
export function awsApiHosts(region: string, readsSecrets = false): string[] {
  return [`sts.${region}.amazonaws.com`, ...(readsSecrets ? [`secretsmanager.${region}.amazonaws.com`] : [])];
}

/** What the objects of a service are built from. */
export interface ServiceSpec {
  /** The service's name: also its namespace, service account and `app` label. */
  readonly name: string;
  readonly settings: Workload;
  /** The route prefix on the ingress gateway. */
  readonly pathPrefix: string;
  /** The IRSA role the service account is annotated with. */
  readonly roleArn: pulumi.Input<string>;
  /** Services allowed to call this one (their namespaces and service accounts bear their names). */
  readonly callers: readonly string[];
  /** Services this one may call, with their ports. */
  readonly callees: readonly { readonly name: string; readonly port: number }[];
  /** The mesh's gateway and tracing. */
  readonly mesh: {
    readonly gatewayRef: string;
    readonly gatewayNamespace: string;
    readonly gatewaySelector: Readonly<Record<string, string>>;
    readonly gatewayPrincipal: string;
    readonly ingressHosts: readonly string[];
    /** The tracing collector; none when tracing is off. */
    readonly tracing?: { readonly host: string; readonly port: number };
  };
  /** CIDRs of the data subnets (databases, caches, brokers, EFS). */
  readonly dataCidrs: readonly string[];
  /** CIDRs of the application subnets (nodes, and the AWS interface endpoints). */
  readonly applicationCidrs: readonly string[];
  /** The AWS region: its regional API hosts (STS) are declared to the mesh. */
  readonly region: string;
  /** The data tier's hook. */
  readonly data?: ServiceDataBinding;
}

/** The labels of the service's pods. */
export function podLabels(name: string): Record<string, string> {
  return { app: name, "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "platform" };
}

/** `<name>.<name>.svc.cluster.local`: the service's in-mesh host. */
export function serviceHost(name: string): string {
  return `${name}.${name}.svc.cluster.local`;
}

/** The namespace of an in-cluster host `<svc>.<ns>.svc[.cluster.local]`, if it is one. */
export function clusterHostNamespace(host: string): string | undefined {
  const m = /^[a-z0-9-]+\.([a-z0-9-]+)\.svc(\.cluster\.local)?$/.exec(host);
  return m?.[1];
}

export function namespaceMetadata(name: string): Input.meta.v1.ObjectMeta {
  return {
    name,
    labels: {
      "istio-injection": "enabled",
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "latest",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
      "platform/service": name,
    },
  };
}

/** Pods during a rollout: max replicas plus a 25 % surge. */
export function peakPods(settings: Workload): number {
  return settings.replicas.max + Math.ceil(settings.replicas.max / 4);
}

/** Quota for the namespace: the peak pods with their sidecars, no LoadBalancer or NodePort. */
export function resourceQuotaSpec(settings: Workload): Input.core.v1.ResourceQuotaSpec {
  const pods = peakPods(settings);
  return {
    hard: {
      pods: String(pods),
      "requests.cpu": `${pods * (cpuMillis(settings.cpu) + SIDECAR.cpuMillis)}m`,
      "requests.memory": `${pods * (memoryMiB(settings.memory) + SIDECAR.memoryMiB)}Mi`,
      "limits.memory": `${pods * (memoryMiB(settings.memory) + SIDECAR.memoryLimitMiB)}Mi`,
      persistentvolumeclaims: "2",
      "services.loadbalancers": "0",
      "services.nodeports": "0",
    },
  };
}

/** Defaults for containers that name no resources, and a ceiling. */
export function limitRangeSpec(settings: Workload): Input.core.v1.LimitRangeSpec {
  return {
    limits: [
      {
        type: "Container",
        defaultRequest: { cpu: `${SIDECAR.cpuMillis}m`, memory: `${SIDECAR.memoryMiB}Mi` },
        default: { memory: `${SIDECAR.memoryLimitMiB}Mi` },
        max: { memory: `${Math.max(memoryMiB(settings.memory), 1024)}Mi` },
      },
    ],
  };
}

/** The Secrets Store objects: the `secrets` setting by name, the binding's by ARN. */
export function secretObjects(settings: Workload, secretArns: readonly pulumi.Input<string>[]): pulumi.Output<string> {
  return pulumi.all([...secretArns]).apply((arns) =>
    JSON.stringify([
      ...settings.secrets.map((secretName) => ({ objectName: secretName, objectType: "secretsmanager", objectAlias: secretName.replace(/\//g, "_") })),
      ...arns.map((arn, i) => ({ objectName: arn, objectType: "secretsmanager", objectAlias: `data-${i}` })),
    ]),
  );
}

/** Whether the pod mounts secrets (its own setting or the binding's). */
export function hasSecrets(spec: ServiceSpec): boolean {
  return spec.settings.secrets.length > 0 || (spec.data?.secretArns.length ?? 0) > 0;
}

/** The names of the objects the pod's volumes refer to. */
export const NAMES = {
  config: (name: string) => `${name}-data`,
  secrets: (name: string) => `${name}-secrets`,
  sharedClaim: "shared",
  sharedVolume: (name: string) => `${name}-shared`,
} as const;

/** Volumes and mounts: scratch, then each part of the binding that is present. */
function volumes(spec: ServiceSpec): { volumes: Input.core.v1.Volume[]; mounts: Input.core.v1.VolumeMount[] } {
  const v: Input.core.v1.Volume[] = [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }];
  const m: Input.core.v1.VolumeMount[] = [{ name: "tmp", mountPath: MOUNTS.tmp }];
  if (spec.data && Object.keys(spec.data.config).length > 0) {
    v.push({ name: "data-config", configMap: { name: NAMES.config(spec.name) } });
    m.push({ name: "data-config", mountPath: MOUNTS.config, readOnly: true });
  }
  if (hasSecrets(spec)) {
    v.push({
      name: "secrets",
      csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: NAMES.secrets(spec.name) } },
    });
    m.push({ name: "secrets", mountPath: MOUNTS.secrets, readOnly: true });
  }
  if (spec.data?.filesystem) {
    const readOnly = spec.data.filesystem.readOnly;
    v.push({ name: "shared", persistentVolumeClaim: { claimName: NAMES.sharedClaim, readOnly } });
    m.push({ name: "shared", mountPath: MOUNTS.filesystem, readOnly });
  }
  return { volumes: v, mounts: m };
}

/** The Deployment: restricted, probed, spread over zones, drained on shutdown; no `replicas` (the HPA owns it). */
export function deploymentSpec(spec: ServiceSpec): Input.apps.v1.DeploymentSpec {
  const s = spec.settings;
  const labels = podLabels(spec.name);
  const { volumes: vols, mounts } = volumes(spec);
  const probe = (path: string, extra: Partial<Input.core.v1.Probe>): Input.core.v1.Probe => ({
    httpGet: { path, port: "http" },
    timeoutSeconds: 2,
    ...extra,
  });
  return {
    selector: { matchLabels: { app: spec.name } },
    revisionHistoryLimit: 5,
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
    template: {
      metadata: {
        labels,
        annotations: {
          "kubectl.kubernetes.io/default-container": spec.name,
          "sidecar.istio.io/proxyCPU": `${SIDECAR.cpuMillis}m`,
          "sidecar.istio.io/proxyMemory": `${SIDECAR.memoryMiB}Mi`,
          "sidecar.istio.io/proxyMemoryLimit": `${SIDECAR.memoryLimitMiB}Mi`,
        },
      },
      spec: {
        serviceAccountName: spec.name,
        // IRSA's web-identity token is projected by EKS's webhook; no Kubernetes API token is needed.
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
        securityContext: {
          runAsNonRoot: true,
          runAsUser: APP_UID,
          runAsGroup: APP_UID,
          fsGroup: APP_UID,
          seccompProfile: { type: "RuntimeDefault" },
        },
        topologySpreadConstraints: [
          { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: spec.name } } },
          { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: spec.name } } },
        ],
        containers: [
          {
            name: spec.name,
            image: s.image,
            imagePullPolicy: "IfNotPresent",
            ports: [{ name: "http", containerPort: s.port, protocol: "TCP" }],
            env: [{ name: "PORT", value: String(s.port) }, ...Object.entries(s.env).map(([name, value]) => ({ name, value }))],
            resources: { requests: { cpu: s.cpu, memory: s.memory }, limits: { memory: s.memory } },
            readinessProbe: probe(s.readinessPath, { periodSeconds: 10, failureThreshold: 3 }),
            livenessProbe: probe(s.livenessPath, { initialDelaySeconds: 10, periodSeconds: 20, failureThreshold: 3 }),
            startupProbe: probe(s.livenessPath, { periodSeconds: 5, failureThreshold: 24 }),
            lifecycle: { preStop: { sleep: { seconds: PRESTOP_SLEEP_SECONDS } } },
            securityContext: { ...RESTRICTED_CONTAINER, runAsUser: APP_UID, runAsGroup: APP_UID },
            volumeMounts: mounts,
          },
        ],
        volumes: vols,
      },
    },
  };
}

export function serviceSpec(spec: ServiceSpec): Input.core.v1.ServiceSpec {
  return {
    type: "ClusterIP",
    selector: { app: spec.name },
    ports: [{ name: "http", port: spec.settings.port, targetPort: "http", protocol: "TCP", appProtocol: "http" }],
  };
}

export function hpaSpec(spec: ServiceSpec): Input.autoscaling.v2.HorizontalPodAutoscalerSpec {
  return {
    scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: spec.name },
    minReplicas: Math.max(2, spec.settings.replicas.min),
    maxReplicas: spec.settings.replicas.max,
    metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: HPA_CPU_PERCENT } } }],
  };
}

export function pdbSpec(spec: ServiceSpec): Input.policy.v1.PodDisruptionBudgetSpec {
  return { minAvailable: 1, selector: { matchLabels: { app: spec.name } } };
}

/** Ingress from the Prometheus pods only, on the sidecar agent's merged-metrics port only. */
export function metricsScrapeIngress(): Input.networking.v1.NetworkPolicyIngressRule {
  return {
    from: [{ namespaceSelector: nsSelector(METRICS_SCRAPER.namespace), podSelector: { matchLabels: { ...METRICS_SCRAPER.podLabels } } }],
    ports: [{ protocol: "TCP", port: METRICS_SCRAPER.mergedMetricsPort }],
  };
}

/**
 * The container security context Pod Security `restricted` asks for: no privilege or
 * escalation, a read-only root file system, non-root, every capability dropped and the
 * runtime's seccomp profile. Every container the platform runs in a meshed namespace
 * starts from it (the services', the collector's, the metrics stack's).
 */
export const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

/** Selects a namespace by its name label (set by Kubernetes on every namespace). */
export const nsSelector = (ns: string) => ({ matchLabels: { "kubernetes.io/metadata.name": ns } });

/** The egress every meshed pod needs: cluster DNS, and istiod for xDS and certificates. */
export function meshBaseEgress(): Input.networking.v1.NetworkPolicyEgressRule[] {
  return [
    {
      to: [{ namespaceSelector: nsSelector("kube-system"), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
      ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
    },
    {
      to: [{ namespaceSelector: nsSelector(MESH.namespace), podSelector: { matchLabels: { app: "istiod" } } }],
      ports: [{ protocol: "TCP", port: ISTIOD_PORT }],
    },
  ];
}

/** NetworkPolicies: deny all both ways, then allow the gateway and callers in, and DNS, istiod, callees, tracing, data and AWS endpoints out. */
export function networkPolicies(spec: ServiceSpec): Record<string, Input.networking.v1.NetworkPolicySpec> {
  const app = { matchLabels: { app: spec.name } };
  const port = spec.settings.port;
  const tracing = spec.mesh.tracing;
  const tracingNs = tracing && clusterHostNamespace(tracing.host);
  const egress: Input.networking.v1.NetworkPolicyEgressRule[] = [
    ...meshBaseEgress(),
    ...spec.callees.map((callee) => ({
      to: [{ namespaceSelector: nsSelector(callee.name), podSelector: { matchLabels: { app: callee.name } } }],
      ports: [{ protocol: "TCP", port: callee.port }],
    })),
    ...(tracing && tracingNs ? [{ to: [{ namespaceSelector: nsSelector(tracingNs) }], ports: [{ protocol: "TCP", port: tracing.port }] }] : []),
    ...(spec.dataCidrs.length ? [{ to: spec.dataCidrs.map((cidr) => ({ ipBlock: { cidr } })) }] : []),
    // AWS APIs (STS for IRSA, Secrets Manager, KMS, Logs) through the interface endpoints.
    { to: spec.applicationCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port: 443 }] },
    // External hosts: the mesh admits only the ServiceEntry hosts; L3 cannot name them,
    // so it admits the public blocks they resolve to (never the whole internet).
    ...(spec.settings.egressCidrs.length
      ? [{ to: spec.settings.egressCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port: 443 }] }]
      : []),
  ];
  return {
    "default-deny": { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    "allow-ingress": {
      podSelector: app,
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            { namespaceSelector: nsSelector(spec.mesh.gatewayNamespace), podSelector: { matchLabels: { ...spec.mesh.gatewaySelector } } },
            ...spec.callers.map((caller) => ({ namespaceSelector: nsSelector(caller), podSelector: { matchLabels: { app: caller } } })),
          ],
          ports: [{ protocol: "TCP", port }],
        },
        // Kubelet probes, rewritten by Istio to the sidecar agent.
        { from: spec.applicationCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: SIDECAR_HEALTH_PORTS.map((p) => ({ protocol: "TCP", port: p })) },
        // Prometheus, on the sidecar's merged metrics (not intercepted, so no AuthorizationPolicy applies).
        metricsScrapeIngress(),
      ],
    },
    "allow-egress": { podSelector: app, policyTypes: ["Egress"], egress },
  };
}
