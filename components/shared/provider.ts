import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";

/** The project name: the `Project` tag and the first part of every AWS `Name`. */
const PROJECT = "platform";

/** What the stack's tags and names are made from: the stack, its environment and the `tags` settings. */
export interface StackTagging {
  /** The Pulumi stack, e.g. `prod`: the `Stack` tag and the `platform-<stack>` name prefix. */
  readonly stack: string;
  /** The environment, e.g. `prod`: the `Environment` tag. */
  readonly environment: string;
  readonly tags: {
    /** The owning team: the `Owner` tag. */
    readonly owner: string;
    /** The cost center: the `CostCenter` tag. */
    readonly costCenter: string;
    /** More tags, under the fixed ones (which win on a name clash). */
    readonly extra: Readonly<Record<string, string>>;
  };
}

/** What an AWS provider is made from: the stack's region and tagging. */
export interface ProviderSettings extends StackTagging {
  /** The AWS region every regional resource of the stack lives in. */
  readonly region: string;
}

/** The tags every AWS resource of the stack carries, through the provider's default tags. */
function defaultTags(settings: StackTagging): Record<string, string> {
  return {
    ...settings.tags.extra,
    Project: PROJECT,
    Stack: settings.stack,
    Environment: settings.environment,
    Owner: settings.tags.owner,
    CostCenter: settings.tags.costCenter,
    ManagedBy: "pulumi",
  };
}

/** The prefix of AWS `Name` tags and resource names: `platform-<stack>`. */
export function namePrefix(settings: Pick<StackTagging, "stack">): string {
  return `${PROJECT}-${settings.stack}`;
}

/**
 * The one AWS provider every AWS resource uses: the stack's region and default tags.
 * Default providers are disabled in `Pulumi.yaml`, so nothing can slip past it.
 */
export function createAwsProvider(settings: ProviderSettings): aws.Provider {
  return new aws.Provider("aws", {
    region: settings.region as aws.Region,
    defaultTags: { tags: defaultTags(settings) },
  });
}

/** The TLS provider (the mesh CA and the OIDC thumbprint lookup); explicit, as default providers are off. */
export function createTlsProvider(): tls.Provider {
  return new tls.Provider("tls", {});
}

/** The random provider (generated passwords); explicit, as default providers are off. */
export function createRandomProvider(): random.Provider {
  return new random.Provider("random", {});
}

/** The region CloudFront's certificates, web ACLs and log deliveries must live in. */
export const CLOUDFRONT_REGION = "us-east-1";

/**
 * A second AWS provider in us-east-1, with the same default tags: CloudFront only takes
 * ACM certificates and WAF web ACLs (scope CLOUDFRONT) from there, and its log delivery
 * source is created there too.
 */
export function createUsEast1Provider(settings: StackTagging): aws.Provider {
  return new aws.Provider("aws-us-east-1", {
    region: CLOUDFRONT_REGION,
    defaultTags: { tags: defaultTags(settings) },
  });
}
