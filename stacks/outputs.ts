import type * as pulumi from "@pulumi/pulumi";

/**
 * The version of the stack outputs contract. Bump it when a key is removed or changes
 * type; consumers read it through `StackReference` before anything else.
 */
export const OUTPUTS_VERSION = 1;

/** Per tier, in AZ order. */
export interface TierIds {
  readonly public: pulumi.Output<string>[];
  readonly application: pulumi.Output<string>[];
  readonly data: pulumi.Output<string>[];
}

/** The network, as other tiers and other teams see it. */
export interface NetworkOutputs {
  readonly vpcId: pulumi.Output<string>;
  readonly vpcCidr: string;
  readonly availabilityZones: readonly string[];
  readonly subnetIds: TierIds;
  readonly subnetCidrs: { readonly public: string[]; readonly application: string[]; readonly data: string[] };
  readonly routeTableIds: TierIds;
  readonly natGatewayIds: pulumi.Output<string>[];
  readonly endpointSecurityGroupId: pulumi.Output<string>;
  readonly flowLogGroupName: pulumi.Output<string>;
}

/** Every stack output: the typed, versioned contract other teams build on. */
export interface StackOutputs {
  readonly outputsVersion: number;
  readonly environment: string;
  readonly region: string;
  readonly network: NetworkOutputs;
  readonly kmsKeyArns: { readonly flowLogs: pulumi.Output<string> };
}
