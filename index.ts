// The platform program: read the settings, compose the tiers, export the outputs.
import { Network } from "./components/network/Network";
import { lookupIdentity } from "./components/shared/identity";
import { createAwsProvider, namePrefix } from "./components/shared/provider";
import { loadSettings } from "./stacks";
import { OUTPUTS_VERSION, StackOutputs } from "./stacks/outputs";

const settings = loadSettings();
const aws = createAwsProvider(settings);
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
  kmsKeyArns: { flowLogs: network.flowLogKeyArn },
};

export = outputs;
