import * as aws from "@pulumi/aws";
import { deniesInsecureTransport, statementsOf } from "../../../lib/iam";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

/** Every file system refuses clients that do not use TLS. */
export const awsEfsFileSystemTlsOnlyPolicy = stackPolicy(
  {
    name: "aws-efs-filesystem-tls-only-policy",
    description: "Every EFS file system has a file-system policy that denies access without TLS (aws:SecureTransport false).",
    severity: "high",
    remediationSteps: "Add an aws.efs.FileSystemPolicy with a Deny statement for Principal * when aws:SecureTransport is false.",
    frameworks: ["platform"],
  },
  (stack, args) => {
    const fss = stack.ofType(aws.efs.FileSystem);
    if (fss.length === 0) args.notApplicable("The stack has no EFS file system.");
    return fss.flatMap((fs) => {
      const policies = stack.referrers(fs, "fileSystemId", aws.efs.FileSystemPolicy);
      if (policies.length === 0) return [{ urn: fs.urn, message: `${label(fs)} has no file-system policy.` }];
      return policies.some((p) => deniesInsecureTransport(statementsOf(known(() => p.props.policy)) ?? []))
        ? []
        : [{ urn: fs.urn, message: `${label(fs)} has a file-system policy that does not deny access without TLS.` }];
    });
  },
);
