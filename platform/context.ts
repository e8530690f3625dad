import type * as aws from "@pulumi/aws";
import type * as random from "@pulumi/random";
import type * as tls from "@pulumi/tls";
import { AwsIdentity, lookupIdentity } from "../components/shared/identity";
import { createAwsProvider, createRandomProvider, createTlsProvider, createUsEast1Provider, namePrefix } from "../components/shared/provider";
import type { Settings } from "../stacks";

/** What every tier is built with: the validated settings, the providers and the account. */
export interface PlatformContext {
  readonly settings: Settings;
  /** The stack region's provider (region and default tags from the settings); every AWS resource but CloudFront's goes through it. */
  readonly aws: aws.Provider;
  /** The us-east-1 provider, for what CloudFront takes (web ACL, certificate, log delivery). */
  readonly awsUsEast1: aws.Provider;
  readonly tls: tls.Provider;
  /** Passwords and tokens (`Pulumi.yaml` disables default providers, so random resources need one too). */
  readonly random: random.Provider;
  /** The account, partition and region, looked up once. */
  readonly identity: AwsIdentity;
  /** The prefix of AWS names and `Name` tags, e.g. `platform-prod`. */
  readonly namePrefix: string;
}

/** Builds the providers from the settings and looks up the account: the first thing the program registers. */
export function createContext(settings: Settings): PlatformContext {
  const awsProvider = createAwsProvider(settings);
  return {
    settings,
    aws: awsProvider,
    awsUsEast1: createUsEast1Provider(settings),
    tls: createTlsProvider(),
    random: createRandomProvider(),
    identity: lookupIdentity(settings.region, awsProvider),
    namePrefix: namePrefix(settings),
  };
}
