import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceDataBinding } from "../data/bindings";
import { IstioObject, authorizationPolicies, destinationRule, serviceEntries, sidecar, virtualService } from "./istio";
import {
  EFS_MOUNT_OPTIONS,
  NAMES,
  ServiceSpec,
  deploymentSpec,
  hasSecrets,
  hpaSpec,
  limitRangeSpec,
  namespaceMetadata,
  networkPolicies,
  pdbSpec,
  podLabels,
  resourceQuotaSpec,
  secretObjects,
  serviceSpec,
} from "./manifests";
import { Workload } from "./workload";

export interface MicroservicePodArgs {
  /** The service's name: its namespace, service account and `app` label. */
  readonly service: string;
  /** The service's settings (plain: they decide which objects exist). */
  readonly settings: Workload;
  /** The route prefix on the ingress gateway. */
  readonly pathPrefix: string;
  /** The service's IRSA role (from its ServiceIdentity). */
  readonly roleArn: pulumi.Input<string>;
  /**
   * The pods' own security group, bound with a `SecurityGroupPolicy`.
   * @default - none: the pods carry the nodes' security group.
   */
  readonly podSecurityGroupId?: pulumi.Input<string>;
  /** Services allowed to call this one. */
  readonly callers: readonly string[];
  /** Services this one may call, with their ports. */
  readonly callees: ServiceSpec["callees"];
  /** The mesh's gateway and tracing. */
  readonly mesh: ServiceSpec["mesh"];
  /** The data subnets' CIDRs (allowed out). */
  readonly dataCidrs: readonly string[];
  /** The application subnets' CIDRs (kubelet probes in, AWS endpoints out). */
  readonly applicationCidrs: readonly string[];
  /** The AWS region, whose STS endpoint the pods reach for their IRSA credentials. */
  readonly region: string;
  /** The prefix of AWS names, e.g. `platform-prod`: it keeps the log group's name apart from other stacks' in the same account. */
  readonly namePrefix: string;
  /** The KMS key of the service's log group. */
  readonly logKeyArn: pulumi.Input<string>;
  /** The log group's retention, in days. */
  readonly logRetentionDays: number;
  /** Keep the log group and the shared volume and claim on `pulumi destroy` (settings: `protectStateful`). */
  readonly protectStateful: boolean;
  /**
   * The data tier's hook: config, secrets and the EFS access point, mounted as files.
   * @default - nothing from the data tier is mounted.
   */
  readonly data?: ServiceDataBinding;
}

/**
 * The service's log group, `/aws/microservices/<name prefix>/<service>`: the stack's name
 * prefix (`platform-<stack>`) keeps dev and prod apart when they share an account.
 */
export function serviceLogGroupName(namePrefix: string, service: string): string {
  return `/aws/microservices/${namePrefix}/${service}`;
}

/**
 * One microservice on the mesh: its namespace (injection, Pod Security `restricted`,
 * quota, limits), service account on its IRSA role, Deployment, ClusterIP Service, HPA,
 * PDB, NetworkPolicies, AuthorizationPolicies, DestinationRule, Sidecar, ServiceEntries,
 * VirtualService, the data binding's mounts, and its log group.
 *
 * Providers: `kubernetes` and `aws` through `opts.providers`.
 */
export class MicroservicePod extends pulumi.ComponentResource {
  public readonly namespace: string;
  public readonly serviceAccountName: string;
  /** `<svc>.<ns>.svc.cluster.local`. */
  public readonly host: string;
  public readonly port: number;
  public readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: MicroservicePodArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:microservice:MicroservicePod", name, {}, opts);
    const svc = args.service;
    const spec: ServiceSpec = {
      name: svc,
      settings: args.settings,
      pathPrefix: args.pathPrefix,
      roleArn: args.roleArn,
      callers: args.callers,
      callees: args.callees,
      mesh: args.mesh,
      dataCidrs: args.dataCidrs,
      applicationCidrs: args.applicationCidrs,
      region: args.region,
      data: args.data,
    };
    const labels = podLabels(svc);
    const meta = (objectName: string) => ({ name: objectName, namespace: svc, labels });

    const ns = new k8s.core.v1.Namespace(`${name}-ns`, { metadata: namespaceMetadata(svc) }, { parent: this });
    const inNs = { parent: this, dependsOn: [ns] };
    new k8s.core.v1.ResourceQuota(`${name}-quota`, { metadata: meta(`${svc}-quota`), spec: resourceQuotaSpec(args.settings) }, inNs);
    new k8s.core.v1.LimitRange(`${name}-limits`, { metadata: meta(`${svc}-limits`), spec: limitRangeSpec(args.settings) }, inNs);
    const sa = new k8s.core.v1.ServiceAccount(
      `${name}-sa`,
      {
        metadata: {
          ...meta(svc),
          annotations: {
            "eks.amazonaws.com/role-arn": args.roleArn,
            "eks.amazonaws.com/token-expiration": "3600",
            // AWS_STS_REGIONAL_ENDPOINTS=regional: the SDK calls sts.<region>, the host the mesh admits.
            "eks.amazonaws.com/sts-regional-endpoints": "true",
          },
        },
        automountServiceAccountToken: false,
      },
      inNs,
    );

    // Network isolation first, so no pod runs unfenced.
    const policies = Object.entries(networkPolicies(spec)).map(
      ([role, policySpec]) => new k8s.networking.v1.NetworkPolicy(`${name}-${role}`, { metadata: meta(role), spec: policySpec }, inNs),
    );
    const custom = (role: string, obj: IstioObject, dependsOn: pulumi.Resource[] = []) =>
      new k8s.apiextensions.CustomResource(
        `${name}-${role}`,
        { apiVersion: obj.apiVersion, kind: obj.kind, metadata: meta(obj.name), spec: obj.spec },
        { parent: this, dependsOn: [ns, ...dependsOn] },
      );
    const authz = authorizationPolicies(spec).map((obj) => custom(`authz-${obj.name}`, obj));
    custom("destination-rule", destinationRule(spec));
    custom("sidecar", sidecar(spec));
    serviceEntries(spec).forEach((obj) => custom(obj.name, obj));
    custom("virtual-service", virtualService(spec));

    // What the pod mounts from the data tier and its own secret settings.
    const mounts: pulumi.Resource[] = [];
    if (args.data && Object.keys(args.data.config).length > 0) {
      mounts.push(new k8s.core.v1.ConfigMap(`${name}-data`, { metadata: meta(NAMES.config(svc)), data: args.data.config }, inNs));
    }
    if (hasSecrets(spec)) {
      mounts.push(
        new k8s.apiextensions.CustomResource(
          `${name}-secrets`,
          {
            apiVersion: "secrets-store.csi.x-k8s.io/v1",
            kind: "SecretProviderClass",
            metadata: meta(NAMES.secrets(svc)),
            spec: { provider: "aws", parameters: { objects: secretObjects(args.settings, args.data?.secretArns ?? []) } },
          },
          inNs,
        ),
      );
    }
    if (args.data?.filesystem) {
      const fs = args.data.filesystem;
      const accessModes = [fs.readOnly ? "ReadOnlyMany" : "ReadWriteMany"];
      const volume = new k8s.core.v1.PersistentVolume(
        `${name}-shared-pv`,
        {
          metadata: { name: NAMES.sharedVolume(svc), labels },
          spec: {
            capacity: { storage: "5Gi" },
            volumeMode: "Filesystem",
            accessModes,
            persistentVolumeReclaimPolicy: "Retain",
            storageClassName: "",
            mountOptions: [...EFS_MOUNT_OPTIONS],
            claimRef: { namespace: svc, name: NAMES.sharedClaim },
            csi: {
              driver: "efs.csi.aws.com",
              volumeHandle: pulumi.interpolate`${fs.fileSystemId}::${fs.accessPointId}`,
              readOnly: fs.readOnly,
              volumeAttributes: { encryptInTransit: "true" },
            },
          },
        },
        { parent: this, protect: args.protectStateful },
      );
      mounts.push(
        new k8s.core.v1.PersistentVolumeClaim(
          `${name}-shared-pvc`,
          {
            metadata: meta(NAMES.sharedClaim),
            spec: { accessModes, storageClassName: "", volumeName: NAMES.sharedVolume(svc), resources: { requests: { storage: "5Gi" } } },
          },
          { parent: this, protect: args.protectStateful, dependsOn: [ns, volume] },
        ),
      );
    }
    if (args.podSecurityGroupId) {
      mounts.push(
        new k8s.apiextensions.CustomResource(
          `${name}-pod-sg`,
          {
            apiVersion: "vpcresources.k8s.aws/v1beta1",
            kind: "SecurityGroupPolicy",
            metadata: meta(`${svc}-pods`),
            spec: { podSelector: { matchLabels: { app: svc } }, securityGroups: { groupIds: [args.podSecurityGroupId] } },
          },
          inNs,
        ),
      );
    }

    const deployment = new k8s.apps.v1.Deployment(
      `${name}-deployment`,
      { metadata: meta(svc), spec: deploymentSpec(spec) },
      { parent: this, dependsOn: [ns, sa, ...policies, ...authz, ...mounts] },
    );
    new k8s.core.v1.Service(`${name}-service`, { metadata: meta(svc), spec: serviceSpec(spec) }, inNs);
    new k8s.autoscaling.v2.HorizontalPodAutoscaler(`${name}-hpa`, { metadata: meta(svc), spec: hpaSpec(spec) }, { parent: this, dependsOn: [deployment] });
    new k8s.policy.v1.PodDisruptionBudget(`${name}-pdb`, { metadata: meta(svc), spec: pdbSpec(spec) }, inNs);

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: serviceLogGroupName(args.namePrefix, svc), retentionInDays: args.logRetentionDays, kmsKeyId: args.logKeyArn, tags: { Service: svc } },
      { parent: this, protect: args.protectStateful },
    );

    this.namespace = svc;
    this.serviceAccountName = svc;
    this.host = `${svc}.${svc}.svc.cluster.local`;
    this.port = args.settings.port;
    this.logGroupName = logGroup.name;
    this.registerOutputs({ namespace: this.namespace, host: this.host, logGroupName: this.logGroupName });
  }
}
