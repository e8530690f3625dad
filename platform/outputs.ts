import type { Settings } from "../stacks";
import { OUTPUTS_VERSION, StackOutputs } from "../stacks/outputs";
import type { Tiers } from "./tiers";

/** The tiers the outputs are read from. */
export type OutputTiers = Pick<Tiers, "network" | "cluster" | "mesh" | "services" | "data" | "observability" | "edge" | "cdn" | "alarms">;

/**
 * The stack outputs: the one place the outputs contract (`StackOutputs`) is built, from
 * the settings and the tiers. The literal is returned as `StackOutputs`, so a missing
 * key, a key of the wrong type or a key the contract does not declare is a type error.
 */
export function stackOutputs(settings: Pick<Settings, "environment" | "region">, { network, cluster, mesh, services, data, observability, edge, cdn, alarms }: OutputTiers): StackOutputs {
  const identities = services.identities;
  return {
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
      Object.entries(services.pods).map(([name, pod]) => [
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
    alarmTopicArn: alarms.topicArn,
    observability: { prometheusUrl: observability.prometheusUrl, grafanaUrl: observability.grafanaUrl },
    kmsKeyArns: {
      flowLogs: network.flowLogKeyArn,
      eksSecrets: cluster.secretsKeyArn,
      eksVolumes: cluster.volumesKeyArn,
      logs: cluster.logsKeyArn,
      ...data.kmsKeyArns,
      alarms: alarms.kmsKeyArn,
      edgeWafLogs: edge.wafLogsKeyArn,
      cdnLogs: cdn.logsKeyArn,
    },
  };
}
