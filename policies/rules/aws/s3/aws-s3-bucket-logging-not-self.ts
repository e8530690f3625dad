import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { BUCKETS } from "../../../lib/s3";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** No bucket writes its server access logs into itself. */
export const awsS3BucketLoggingNotSelf = stackPolicy(
  {
    name: "aws-s3-bucket-logging-not-self",
    description:
      "No S3 bucket sends its server access logs to itself: every delivered log object is itself logged, a loop that grows the bucket without end. The access-log bucket has no server access logging of its own.",
    severity: "medium",
    remediationSteps: "Point the BucketLogging's targetBucket at another bucket, or remove the BucketLogging of the access-log bucket.",
    frameworks: ["platform"],
  },
  (stack, args) => {
    const loggings = stack.ofType(aws.s3.BucketLogging, aws.s3.BucketLoggingV2);
    if (loggings.length === 0) args.notApplicable("The stack has no S3 server access logging.");
    return loggings.flatMap((logging) => {
      const sources = stack.refs(logging, "bucket", ...BUCKETS);
      const targets = stack.refs(logging, "targetBucket", ...BUCKETS);
      const source = known(() => logging.props.bucket);
      const target = known(() => logging.props.targetBucket);
      const same = sources.find((b) => targets.includes(b));
      if (!same && !(typeof source === "string" && source !== "" && source === target)) return [];
      const what = same ? label(same) : `Bucket '${String(source)}'`;
      return [{ urn: (same ?? logging).urn, message: `${what} sends its server access logs into itself (${label(logging)}); send them to another bucket.` }];
    });
  },
);
