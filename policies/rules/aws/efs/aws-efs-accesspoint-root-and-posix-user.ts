import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** Access points confine clients to a directory and a POSIX identity. */
export const awsEfsAccessPointRootAndPosixUser = resourcePolicy(
  {
    name: "aws-efs-accesspoint-root-and-posix-user",
    description: "EFS access points set a root directory other than / and a POSIX user, so clients are confined to their directory and identity.",
    severity: "medium",
    remediationSteps: "Set rootDirectory.path to the service's directory (e.g. /shared/config) and posixUser with uid and gid.",
    frameworks: ["CKV_AWS_329", "CKV_AWS_330"],
  },
  aws.efs.AccessPoint,
  (ap) => {
    const path = ap.rootDirectory?.path ?? "/";
    return [path === "/" && "rootDirectory.path is /; use the service's own directory.", ap.posixUser === undefined && "posixUser is not set."];
  },
);
