// The platform program: read the settings, build the providers, compose the tiers, export the outputs.
// Each tier is one function in platform/ taking the context and the tiers it reads (docs/architecture.md, "Composition").
import { createContext } from "./platform/context";
import { clusterTier } from "./platform/cluster";
import { dataTier } from "./platform/data";
import { cdnTier, edgeTier } from "./platform/edge";
import { meshTier } from "./platform/mesh";
import { networkTier } from "./platform/network";
import { observabilityTier } from "./platform/observability";
import { stackOutputs } from "./platform/outputs";
import { accountServicesTier, alarmTopicTier, platformAlarmsTier } from "./platform/security";
import { deployServices, servicesTier } from "./platform/services";
import { loadSettings } from "./stacks";

// Settings first: a bad one stops the program before anything is registered.
const settings = loadSettings();
// The AWS providers (stack region, us-east-1), the TLS provider and the account.
const ctx = createContext(settings);

const network = networkTier(ctx);
const cluster = clusterTier(ctx, { network });
const mesh = meshTier(ctx, { cluster });
// The services in two phases around the data tier: identities now, pods once the data tier has granted to them.
const services = servicesTier(ctx, { network, cluster });
const cdn = cdnTier(ctx);
const data = dataTier(ctx, { network, cluster, services, cdn });
deployServices(ctx, { network, cluster, mesh, services, data });
const alarms = alarmTopicTier(ctx);
const observability = observabilityTier(ctx, { network, cluster, mesh, services, alarms });
const edge = edgeTier(ctx, { network, cluster, mesh, cdn, data });
platformAlarmsTier(ctx, { cluster, edge, alarms });
accountServicesTier(ctx, { data });

export = stackOutputs(settings, { network, cluster, mesh, services, data, observability, edge, cdn, alarms });
