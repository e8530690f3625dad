import { StackFinding, stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { STATEFUL_TYPES } from "../../../lib/stateful";

/**
 * A stack that protects its stateful resources protects all of them: the databases,
 * caches, streams, buckets, file systems, keys, secrets, queues and log groups, the EKS
 * cluster (its etcd) and the persistent volumes and claims. A stack that protects none
 * (dev, where stateful resources are deliberately normal) is not checked.
 */
export const pulumiStackStatefulProtected = stackPolicy(
  {
    name: "pulumi-stack-stateful-protected",
    description:
      "In a stack that protects its stateful resources (protect: true on any of them, as prod does), every resource of a stateful type is protected: RDS, ElastiCache, MSK, S3, EFS, KMS, Secrets Manager, SQS, CloudWatch log groups, Redshift Serverless, DynamoDB, the EKS cluster and Kubernetes persistent volumes and claims.",
    severity: "high",
    remediationSteps: "Pass protect: args.protectStateful (the stack's protectStateful setting) in the resource's options, as the other stateful resources do.",
    frameworks: ["platform"],
  },
  (stack, args) => {
    const stateful = stack.resources.filter((r) => STATEFUL_TYPES.has(r.type));
    if (!stateful.some((r) => r.opts.protect)) args.notApplicable("The stack protects none of its stateful resources.");
    return stateful
      .filter((r) => !r.opts.protect)
      .map((r): StackFinding => ({ urn: r.urn, message: `${label(r)} holds state but is not protected, while the stack protects its other stateful resources: a pulumi destroy or a replacement would delete it.` }));
  },
);
