// The platform program: read the settings, compose the tiers, export the outputs.
import { Cluster } from "./components/cluster/Cluster";
import { podSecurityGroupMode } from "./components/cluster/podSecurityGroups";
import { DataTier } from "./components/data/DataTier";
import { CdnFront } from "./components/edge/CdnFront";
import { Edge } from "./components/edge/Edge";
import { Mesh } from "./components/mesh/Mesh";
import { createMicroservicePods, createServiceIdentities } from "./components/microservice/fleet";
import { routePrefix } from "./components/microservice/workload";
import { Network } from "./components/network/Network";
import { AccountBaseline } from "./components/security/AccountBaseline";
import { AlarmTopic } from "./components/security/AlarmTopic";
import { AuditTrail } from "./components/security/AuditTrail";
import { PlatformAlarms } from "./components/security/PlatformAlarms";
import { COLLECTOR_ADDRESS } from "./components/observability/manifests";
import { Observability } from "./components/observability/Observability";
import { MESH, principal } from "./components/mesh/values";
import { lookupIdentity } from "./components/shared/identity";
import { createAwsProvider, createTlsProvider, createUsEast1Provider, namePrefix } from "./components/shared/provider";
import { loadSettings } from "./stacks";
import { splitAddress } from "./stacks/compute";
import { apiHostName, catalogHostName, meshIngressHosts } from "./stacks/edge";
import { OUTPUTS_VERSION, StackOutputs } from "./stacks/outputs";

const settings = loadSettings();
const aws = createAwsProvider(settings);
const awsUsEast1 = createUsEast1Provider(settings);
const tls = createTlsProvider();
const identity = lookupIdentity(settings.region, aws);
const prefix = namePrefix(settings);

const network = new Network(
  "network",
  {
    cidr: settings.network.cidr,
    availabilityZones: settings.network.availabilityZones,
    natStrategy: settings.network.natStrategy,
    identity,
    logRetentionDays: settings.logRetentionDays,
    namePrefix: prefix,
    protectStateful: settings.protectStateful,
    clusterName: prefix,
  },
  { providers: { aws } },
);

const cluster = new Cluster(
  "cluster",
  {
    clusterName: prefix,
    version: settings.cluster.version,
    vpcId: network.vpcId,
    subnetIds: network.subnetIds.application,
    subnetCidrs: network.subnetCidrs.application,
    serviceCidr: settings.network.serviceCidr,
    instanceType: settings.cluster.instanceType,
    desiredSize: settings.cluster.desiredSize,
    minSize: settings.cluster.minSize,
    maxSize: settings.cluster.maxSize,
    autoscalingServiceLinkedRole: settings.cluster.autoscalingServiceLinkedRole,
    diskSizeGiB: settings.cluster.diskSizeGiB,
    adminRoleArn: settings.cluster.adminRoleArn,
    publicAccessCidrs: settings.cluster.publicAccessCidrs,
    privateAccessCidrs: settings.cluster.privateAccessCidrs,
    podSecurityGroups: podSecurityGroupMode(settings.cluster.instanceType),
    identity,
    logRetentionDays: settings.logRetentionDays,
    namePrefix: prefix,
    protectStateful: settings.protectStateful,
  },
  { providers: { aws, tls } },
);

// Traces go to the stack's own OpenTelemetry collector (Observability, below) unless another is configured.
const tracing = splitAddress(settings.mesh.tracingCollector ?? COLLECTOR_ADDRESS);
const mesh = new Mesh(
  "mesh",
  {
    istioVersion: settings.mesh.istioVersion,
    tracing: tracing && { ...tracing, samplingPercent: settings.mesh.tracingSamplingPercent },
    ingressHosts: meshIngressHosts(settings.mesh.ingressHosts, settings.edge),
    organization: prefix,
    jwt: settings.mesh.jwt,
    rateLimit: settings.mesh.rateLimit,
    apiPathPrefixes: Object.entries(settings.services).map(([name, s]) => routePrefix(name, s.pathPrefix)),
  },
  { providers: { kubernetes: cluster.provider, tls }, dependsOn: [cluster] },
);

// Each service's IRSA role and security group, before the data tier grants to them.
const identities = createServiceIdentities(
  settings.services,
  { cluster, vpcId: network.vpcId, vpcCidr: network.vpcCidr, identity, namePrefix: prefix },
  { providers: { aws } },
);

// What CloudFront takes from us-east-1 (web ACL, certificate, log destination), before the catalog's distribution.
const catalogHost = catalogHostName(settings.edge);
const cdnFront = new CdnFront(
  "cdn",
  {
    identity,
    namePrefix: prefix,
    customDomain: catalogHost ? { name: catalogHost, hostedZoneId: settings.edge.hostedZoneId } : undefined,
    wafRateLimit: settings.edge.wafRateLimit,
    logRetentionDays: settings.logRetentionDays,
    protect: settings.protectStateful,
  },
  { providers: { aws: awsUsEast1 } },
);

// The data and messaging tier: grants to the identities, binds into the pods.
const data = new DataTier(
  "data",
  {
    identity,
    namePrefix: prefix,
    vpcId: network.vpcId,
    dataSubnetIds: network.subnetIds.data,
    endpointSecurityGroupId: network.endpointSecurityGroupId,
    appSecurityGroupId: cluster.nodeSecurityGroupId,
    services: Object.fromEntries(
      Object.entries(settings.services).map(([name, s]) => [
        name,
        { settings: s, roleArn: identities[name].roleArn, roleName: identities[name].roleName, podSecurityGroupId: identities[name].podSecurityGroupId },
      ]),
    ),
    settings: settings.data,
    logRetentionDays: settings.logRetentionDays,
    protect: settings.protectStateful,
    cluster: { clusterName: cluster.clusterName, oidcProviderArn: cluster.oidcProviderArn, oidcIssuerUrl: cluster.oidcIssuerUrl, nodeRoleArn: cluster.nodeRoleArn },
    catalogEdge: { webAclArn: cdnFront.webAclArn, customDomain: cdnFront.customDomain },
  },
  { providers: { aws }, dependsOn: [cluster.addons] },
);

const pods = createMicroservicePods(
  settings.services,
  {
    identities,
    mesh,
    tracing,
    dataCidrs: network.subnetCidrs.data,
    applicationCidrs: network.subnetCidrs.application,
    region: settings.region,
    namePrefix: prefix,
    logKeyArn: cluster.logsKeyArn,
    logRetentionDays: settings.logRetentionDays,
    protectStateful: settings.protectStateful,
    bindings: data.bindings,
  },
  { providers: { aws, kubernetes: cluster.provider }, dependsOn: [mesh, cluster.addons] },
);

// Shared observability: the collector the mesh traces to, Fluent Bit into the services' log groups.
new Observability(
  "observability",
  {
    identity,
    oidcProviderArn: cluster.oidcProviderArn,
    oidcIssuerHost: cluster.oidcIssuerHost,
    traceSenders: [...Object.keys(settings.services), MESH.gatewayNamespace],
    senderPrincipals: [...Object.keys(settings.services).map((svc) => principal(svc, svc)), mesh.gatewayPrincipal],
    applicationCidrs: network.subnetCidrs.application,
    logGroups: Object.entries(pods).map(([service, pod]) => ({ service, logGroupName: pod.logGroupName })),
  },
  { providers: { aws, kubernetes: cluster.provider }, dependsOn: [mesh, cluster.addons] },
);

// The public tier: api.<domain> on the ALB and WAF, TLS again to the Istio gateway.
const apiPrefixes = Object.entries(settings.services).map(([name, s]) => routePrefix(name, s.pathPrefix));
const edge = new Edge(
  "edge",
  {
    identity,
    namePrefix: prefix,
    vpcId: network.vpcId,
    publicSubnetIds: network.subnetIds.public,
    publicSubnetCidrs: network.subnetCidrs.public,
    applicationSubnetCidrs: network.subnetCidrs.application,
    targetSecurityGroupId: cluster.nodeSecurityGroupId,
    hostedZoneId: settings.edge.hostedZoneId,
    apiHostName: apiHostName(settings.edge),
    apiPathPrefixes: apiPrefixes,
    wafRateLimit: settings.edge.wafRateLimit,
    idleTimeoutSeconds: settings.edge.idleTimeoutSeconds,
    deletionProtection: settings.protectStateful,
    accessLogBucket: data.accessLogBucket,
    noncurrentVersionDays: settings.data.buckets.noncurrentVersionDays,
    logRetentionDays: settings.logRetentionDays,
    cluster: { clusterName: cluster.clusterName, oidcProviderArn: cluster.oidcProviderArn, oidcIssuerUrl: cluster.oidcIssuerUrl },
    gateway: mesh.edgeGateway,
    catalog: data.catalogDistribution
      ? { ...data.catalogDistribution, distributionArn: data.catalogDistribution.arn, accessLogDestinationArn: cdnFront.accessLogDestinationArn, hostName: catalogHost }
      : undefined,
    usEast1Provider: awsUsEast1,
    protect: settings.protectStateful,
  },
  { providers: { aws, kubernetes: cluster.provider }, dependsOn: [mesh, cluster.addons] },
);

// Alarms per service and for the API, to the stack's encrypted alarm topic.
const alarmTopic = new AlarmTopic("alarms", { identity, namePrefix: prefix, protect: settings.protectStateful }, { providers: { aws } });
new PlatformAlarms(
  "alarms",
  {
    namePrefix: prefix,
    topicArn: alarmTopic.topicArn,
    clusterName: cluster.clusterName,
    services: Object.fromEntries(
      Object.entries(settings.services).map(([name, s]) => [
        name,
        // ServiceDatabase names its instance `<prefix>-<service>`.
        { database: s.database.engine !== "none" ? { engine: s.database.engine, instanceClass: s.database.instanceClass as string, identifier: `${prefix}-${name}` } : undefined },
      ]),
    ),
    api: edge.metricDimensions,
  },
  { providers: { aws } },
);

// The account's audit and detection services, unless an organisation-wide setup (or another stack) owns them.
if (settings.security.accountServices === "create") {
  const audit = { identity, namePrefix: prefix, accessLogBucket: data.accessLogBucket, noncurrentVersionDays: settings.data.buckets.noncurrentVersionDays, protect: settings.protectStateful };
  new AuditTrail("audit", { ...audit, logRetentionDays: settings.logRetentionDays }, { providers: { aws } });
  new AccountBaseline("baseline", audit, { providers: { aws } });
}

const outputs: StackOutputs = {
  outputsVersion: OUTPUTS_VERSION,
  environment: settings.environment,
  region: settings.region,
  network: {
    vpcId: network.vpcId,
    vpcCidr: network.vpcCidr,
    availabilityZones: network.availabilityZones,
    subnetIds: network.subnetIds,
    subnetCidrs: network.subnetCidrs,
    routeTableIds: network.routeTableIds,
    natGatewayIds: network.natGatewayIds,
    endpointSecurityGroupId: network.endpointSecurityGroupId,
    flowLogGroupName: network.flowLogGroupName,
  },
  cluster: {
    name: cluster.clusterName,
    endpoint: cluster.endpoint,
    oidcProviderArn: cluster.oidcProviderArn,
    oidcIssuerUrl: cluster.oidcIssuerUrl,
    kubeconfig: cluster.kubeconfig,
    nodeSecurityGroupId: cluster.nodeSecurityGroupId,
  },
  mesh: { gatewayNamespace: mesh.gatewayNamespace, gatewayService: mesh.gatewayServiceName, ingressHosts: mesh.ingressHosts },
  services: Object.fromEntries(
    Object.entries(pods).map(([name, pod]) => [
      name,
      {
        namespace: pod.namespace,
        serviceAccount: pod.serviceAccountName,
        host: pod.host,
        port: pod.port,
        roleArn: identities[name].roleArn,
        securityGroupId: identities[name].securityGroupId,
        logGroupName: pod.logGroupName,
        data: data.services[name],
      },
    ]),
  ),
  data: {
    redisEndpoint: data.redisEndpoint,
    kafkaBootstrapBrokers: data.kafkaBootstrapBrokers,
    eventBusArn: data.eventBusArn,
    dataLakeBucket: data.dataLakeBucket,
    redshiftWorkgroup: data.redshiftWorkgroup,
    efsFileSystemId: data.efsFileSystemId,
    accessLogBucket: data.accessLogBucket,
  },
  edge: { albDnsName: edge.albDnsName, apiUrl: edge.apiUrl, webAclArn: edge.webAclArn, cdnDomain: edge.cdnDomain },
  alarmTopicArn: alarmTopic.topicArn,
  kmsKeyArns: {
    flowLogs: network.flowLogKeyArn,
    eksSecrets: cluster.secretsKeyArn,
    eksVolumes: cluster.volumesKeyArn,
    logs: cluster.logsKeyArn,
    ...data.kmsKeyArns,
    alarms: alarmTopic.kmsKeyArn,
  },
};

export = outputs;
