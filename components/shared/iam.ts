import * as pulumi from "@pulumi/pulumi";

/**
 * IAM documents every component builds its roles from: one place for trust policies
 * (who may assume a role) and for the policy-document envelope, so every role of the
 * stack trusts its principal the same way.
 */

/** The audience IRSA tokens carry. */
export const STS_AUDIENCE = "sts.amazonaws.com";

/** `arn:<partition>:iam::aws:policy/<path>`: an AWS managed policy. */
export function managedPolicyArn(partition: pulumi.Input<string>, path: string): pulumi.Output<string> {
  return pulumi.interpolate`arn:${partition}:iam::aws:policy/${path}`;
}

/** A JSON IAM policy document (statements may hold Outputs). */
export function policyDocument(statements: pulumi.Input<Record<string, unknown>>[]): pulumi.Output<string> {
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/**
 * What pins a service principal to the caller it acts for (the confused-deputy guard):
 * `aws:SourceAccount`, `aws:SourceArn`, or both, each as `StringEquals`.
 */
export interface TrustConditions {
  /**
   * The account the service acts for.
   * @default - no `aws:SourceAccount` condition.
   */
  readonly sourceAccount?: pulumi.Input<string>;
  /**
   * The one resource the service acts for (a trail, a flow log).
   * @default - no `aws:SourceArn` condition.
   */
  readonly sourceArn?: pulumi.Input<string>;
}

/** The `Condition` block of {@link TrustConditions}, or undefined when none is set. */
export function trustCondition(conditions?: TrustConditions): Record<string, unknown> | undefined {
  const equals: Record<string, pulumi.Input<string>> = {};
  if (conditions?.sourceAccount !== undefined) equals["aws:SourceAccount"] = conditions.sourceAccount;
  if (conditions?.sourceArn !== undefined) equals["aws:SourceArn"] = conditions.sourceArn;
  return Object.keys(equals).length ? { StringEquals: equals } : undefined;
}

/**
 * A trust policy letting one AWS service (or several, e.g. Redshift and Redshift
 * Serverless) assume the role: `sts:AssumeRole`, conditioned on the source account
 * and/or ARN the caller passes.
 */
export function serviceTrustPolicy(service: string | readonly string[], conditions?: TrustConditions): pulumi.Output<string> {
  const condition = trustCondition(conditions);
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: typeof service === "string" ? service : [...service] },
      Action: "sts:AssumeRole",
      ...(condition ? { Condition: condition } : {}),
    },
  ]);
}

/** The OIDC issuer without its scheme, as IAM condition keys spell it. */
export function issuerHost(issuerUrl: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(issuerUrl).apply((url) => url.replace(/^https:\/\//, ""));
}

/** `system:serviceaccount:<ns>:<sa>`: the subject of a service account's tokens. */
function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

/** The cluster's IAM OIDC provider, as a component with IRSA roles takes it. */
export interface ClusterOidc {
  /** The cluster's IAM OIDC provider ARN. */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** The OIDC issuer without its scheme, as IAM condition keys spell it. */
  readonly oidcIssuerHost: pulumi.Input<string>;
}

export interface IrsaTrustArgs {
  /** The cluster's IAM OIDC provider. */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** The issuer host (no `https://`, see {@link issuerHost}), e.g. `oidc.eks.us-east-1.amazonaws.com/id/ABC`. */
  readonly issuerHost: pulumi.Input<string>;
  /** The service account's namespace. */
  readonly namespace: string;
  /** The service account's name. */
  readonly serviceAccount: string;
}

/**
 * An IRSA trust policy scoped to exactly one service account: `sub` must equal
 * `system:serviceaccount:<ns>:<sa>` and `aud` must be STS (StringEquals, no wildcards).
 */
export function irsaTrustPolicy(args: IrsaTrustArgs): pulumi.Output<string> {
  const condition = pulumi.output(args.issuerHost).apply((host) => ({
    StringEquals: {
      [`${host}:sub`]: serviceAccountSubject(args.namespace, args.serviceAccount),
      [`${host}:aud`]: STS_AUDIENCE,
    },
  }));
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Federated: args.oidcProviderArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: condition,
    },
  ]);
}
