import * as pulumi from "@pulumi/pulumi";
import type { AwsIdentity } from "../shared/identity";

/**
 * The Elastic Load Balancing account of each Region that existed before August 2022,
 * which writes the ALB's access logs (ALB user guide, "Enable access logs"). Regions
 * opened since then write as the service principal {@link ELB_LOG_DELIVERY_SERVICE}.
 */
export const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
  "af-south-1": "098369216593",
  "ap-east-1": "754344448648",
  "ap-southeast-3": "589379963580",
  "ap-south-1": "718504428378",
  "ap-northeast-3": "383597477331",
  "ap-northeast-2": "600734575887",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-northeast-1": "582318560864",
  "ca-central-1": "985666609251",
  "eu-central-1": "054676820928",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-south-1": "635631232127",
  "eu-west-3": "009996457667",
  "eu-north-1": "897822967062",
  "me-south-1": "076674570225",
  "sa-east-1": "507241528517",
  "us-gov-west-1": "048591011584",
  "us-gov-east-1": "190560391635",
  "cn-north-1": "638102146993",
  "cn-northwest-1": "037604701340",
};

/** The log-delivery service principal of the Regions opened since August 2022. */
export const ELB_LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

/** The prefix (inside the log bucket) the ALB writes under; ELB appends `AWSLogs/<account>/...`. */
export const ALB_LOG_PREFIX = "alb";

/** Who writes a Region's ALB access logs: its ELB account, or the log-delivery service. */
export function elbLogWriter(region: string, partition: string): { AWS: string } | { Service: string } {
  const account = ELB_LOG_ACCOUNTS[region];
  return account ? { AWS: `arn:${partition}:iam::${account}:root` } : { Service: ELB_LOG_DELIVERY_SERVICE };
}

/**
 * The bucket-policy statement that lets Elastic Load Balancing put access logs under
 * `<prefix>/AWSLogs/<account>/` and nowhere else.
 */
export function albLogDeliveryStatement(identity: AwsIdentity, bucketArn: pulumi.Input<string>): pulumi.Output<Record<string, unknown>> {
  return pulumi.all([identity.partition, identity.accountId, bucketArn]).apply(([partition, account, arn]): Record<string, unknown> => ({
    Sid: "ElbWritesAccessLogs",
    Effect: "Allow",
    Principal: elbLogWriter(identity.region, partition),
    Action: "s3:PutObject",
    Resource: `${arn}/${ALB_LOG_PREFIX}/AWSLogs/${account}/*`,
  }));
}
