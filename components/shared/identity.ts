import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Where the stack deploys: what key policies, ARNs and service names are built from. */
export interface AwsIdentity {
  /** The account the provider deploys into. */
  readonly accountId: pulumi.Input<string>;
  /** `aws`, `aws-cn` or `aws-us-gov`. */
  readonly partition: pulumi.Input<string>;
  /** The region, from the settings (plain, so names and service endpoints are known). */
  readonly region: string;
}

/** Looks the account and partition up once, through the explicit provider. */
export function lookupIdentity(region: string, provider: aws.Provider): AwsIdentity {
  const caller = aws.getCallerIdentityOutput({}, { provider });
  const partition = aws.getPartitionOutput({}, { provider });
  return { accountId: caller.accountId, partition: partition.partition, region };
}

/** `arn:<partition>:iam::<account>:root`: the account principal of a key policy. */
export function accountRoot(id: AwsIdentity): pulumi.Output<string> {
  return pulumi.interpolate`arn:${id.partition}:iam::${id.accountId}:root`;
}
