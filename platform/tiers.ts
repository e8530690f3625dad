import type { Cluster } from "../components/cluster/Cluster";
import type { DataTier } from "../components/data/DataTier";
import type { CdnFront } from "../components/edge/CdnFront";
import type { Edge } from "../components/edge/Edge";
import type { Mesh } from "../components/mesh/Mesh";
import type { Services } from "../components/microservice/Services";
import type { Network } from "../components/network/Network";
import type { Observability } from "../components/observability/Observability";
import type { AlarmTopic } from "../components/security/AlarmTopic";

/**
 * Every tier the program composes, in the order it builds them. Each tier function takes
 * the context and a `Pick` of the tiers built before it, so what a tier reads is in its
 * signature and the order cannot be broken without a type error.
 */
export interface Tiers {
  readonly network: Network;
  readonly cluster: Cluster;
  readonly mesh: Mesh;
  /** Identities first; pods after the data tier (`Services.deploy`). */
  readonly services: Services;
  readonly cdn: CdnFront;
  readonly data: DataTier;
  /** The alarm topic, before what publishes to it (Alertmanager, the CloudWatch alarms). */
  readonly alarms: AlarmTopic;
  readonly observability: Observability;
  readonly edge: Edge;
}
