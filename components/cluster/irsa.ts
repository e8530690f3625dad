import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { STS_AUDIENCE, irsaTrustPolicy, issuerHost, managedPolicyArn } from "../shared/iam";
import { rootCaThumbprint } from "./iam";

/** The cluster's IAM OIDC provider and its issuer, as IRSA trust policies name them. */
export interface ClusterOidc {
  readonly provider: aws.iam.OpenIdConnectProvider;
  /** The issuer URL (`https://oidc.eks...`). */
  readonly issuerUrl: pulumi.Output<string>;
  /** The issuer without its scheme, as IRSA condition keys spell it. */
  readonly issuerHost: pulumi.Output<string>;
}

/**
 * The cluster's OIDC issuer as an IAM identity provider (`<name>-oidc`), for IRSA: STS
 * as the only audience, and the thumbprint of the issuer chain's root CA, not the leaf's.
 * Reads the chain through the `tls` provider of `parent`.
 */
export function createClusterOidc(name: string, args: { readonly issuerUrl: pulumi.Output<string>; readonly namePrefix: string }, parent: pulumi.Resource): ClusterOidc {
  const chain = tls.getCertificateOutput({ url: args.issuerUrl }, { parent });
  const provider = new aws.iam.OpenIdConnectProvider(
    `${name}-oidc`,
    {
      url: args.issuerUrl,
      clientIdLists: [STS_AUDIENCE],
      // The root CA's thumbprint, not the leaf's (the list is root first).
      thumbprintLists: [chain.certificates.apply(rootCaThumbprint)],
      tags: { Name: `${args.namePrefix}-eks-oidc` },
    },
    { parent },
  );
  return { provider, issuerUrl: args.issuerUrl, issuerHost: issuerHost(args.issuerUrl) };
}

export interface ClusterIrsaRoleArgs {
  /** The cluster's OIDC provider. */
  readonly oidc: ClusterOidc;
  /** The service account's namespace. */
  readonly namespace: string;
  /** The service account's name. */
  readonly serviceAccount: string;
  /** The AWS managed policy the role gets, by path, e.g. `AmazonEKS_CNI_Policy`. */
  readonly managedPolicy: string;
  /** The AWS partition, for the policy's ARN. */
  readonly partition: pulumi.Input<string>;
}

/**
 * An IRSA role for one system service account (`<name>-irsa`), trusted for that service
 * account only, and its one AWS managed policy (`<name>-irsa-policy`).
 */
export function createClusterIrsaRole(
  name: string,
  args: ClusterIrsaRoleArgs,
  parent: pulumi.Resource,
): { role: aws.iam.Role; attachment: aws.iam.RolePolicyAttachment } {
  const role = new aws.iam.Role(
    `${name}-irsa`,
    {
      description: `IRSA for ${args.namespace}/${args.serviceAccount}.`,
      assumeRolePolicy: irsaTrustPolicy({ oidcProviderArn: args.oidc.provider.arn, issuerHost: args.oidc.issuerHost, namespace: args.namespace, serviceAccount: args.serviceAccount }),
    },
    { parent },
  );
  const attachment = new aws.iam.RolePolicyAttachment(`${name}-irsa-policy`, { role: role.name, policyArn: managedPolicyArn(args.partition, args.managedPolicy) }, { parent });
  return { role, attachment };
}
