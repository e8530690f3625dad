import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";

/** Kafka clients authenticate with IAM, SCRAM or mutual TLS; never anonymously. */
export const awsMskClusterAuthentication = resourcePolicy(
  {
    name: "aws-msk-cluster-authentication",
    description: "MSK clusters require client authentication (IAM, SASL/SCRAM or mutual TLS) and do not allow unauthenticated access.",
    severity: "high",
    remediationSteps: "Set clientAuthentication.sasl.iam (or scram, or tls) and clientAuthentication.unauthenticated to false.",
    frameworks: ["NAG MSK2", "CKV_AWS_291"],
  },
  aws.msk.Cluster,
  (c) => {
    const auth = c.clientAuthentication;
    const any = auth?.sasl?.iam === true || auth?.sasl?.scram === true || (auth?.tls?.certificateAuthorityArns ?? []).length > 0;
    return [auth?.unauthenticated === true && "clientAuthentication.unauthenticated is true.", !any && "No client authentication (IAM, SCRAM or TLS) is configured."];
  },
);
