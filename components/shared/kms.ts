import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsIdentity, accountRoot } from "./identity";

/** A grant in a key policy to an AWS service, e.g. CloudWatch Logs. */
export interface ServiceGrant {
  /** The service principal, e.g. `logs.us-east-1.amazonaws.com`. */
  readonly service: string;
  /** Conditions that scope the grant, in IAM policy syntax. */
  readonly condition?: pulumi.Input<Record<string, unknown>>;
  /**
   * The key actions granted.
   * @default - encrypt, decrypt, re-encrypt, generate data keys and describe the key.
   */
  readonly actions?: readonly string[];
}

export interface KmsKeyArgs {
  /** What the key protects; becomes the key's description. */
  readonly description: string;
  /** Where the key lives: the account root is the key policy's administrator. */
  readonly identity: AwsIdentity;
  /**
   * Services allowed to use the key on the account's behalf.
   * @default - none: only IAM principals of the account, through their own policies.
   */
  readonly services?: readonly ServiceGrant[];
  /**
   * IAM role ARNs allowed to use the key directly (encrypt, decrypt, data keys).
   * @default - none.
   */
  readonly userRoleArns?: readonly pulumi.Input<string>[];
  /**
   * IAM role ARNs allowed to create grants on the key for AWS resources (e.g. the Auto
   * Scaling service-linked role attaching encrypted volumes, or EKS encrypting secrets).
   * @default - none.
   */
  readonly grantRoleArns?: readonly pulumi.Input<string>[];
  /** The alias, without `alias/`; e.g. `platform/prod/flow-logs`. */
  readonly alias: string;
}

/** The JSON key policy: account root administers, named roles and services may use. */
function keyPolicy(args: KmsKeyArgs): pulumi.Output<string> {
  const use = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];
  const statements: pulumi.Input<Record<string, unknown>>[] = [
    { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: accountRoot(args.identity) }, Action: "kms:*", Resource: "*" },
  ];
  if (args.userRoleArns?.length) {
    statements.push({ Sid: "RolesUse", Effect: "Allow", Principal: { AWS: args.userRoleArns }, Action: use, Resource: "*" });
  }
  if (args.grantRoleArns?.length) {
    statements.push({
      Sid: "RolesGrantForAwsResources",
      Effect: "Allow",
      Principal: { AWS: args.grantRoleArns },
      Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      Resource: "*",
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    });
  }
  (args.services ?? []).forEach((grant, i) => {
    statements.push({
      Sid: `Service${i}Uses`,
      Effect: "Allow",
      Principal: { Service: grant.service },
      Action: grant.actions ? [...grant.actions] : use,
      Resource: "*",
      ...(grant.condition ? { Condition: grant.condition } : {}),
    });
  });
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/**
 * A customer-managed key with rotation on, a 30-day deletion window, a policy with no
 * wildcard principal, and an alias. Stateful: `opts.protect` keeps it in prod.
 */
export function createKmsKey(name: string, args: KmsKeyArgs, opts: pulumi.CustomResourceOptions): aws.kms.Key {
  const key = new aws.kms.Key(
    name,
    {
      description: args.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: keyPolicy(args),
    },
    opts,
  );
  new aws.kms.Alias(`${name}-alias`, { name: `alias/${args.alias}`, targetKeyId: key.keyId }, { parent: opts.parent, provider: opts.provider });
  return key;
}

/** The key-policy grant CloudWatch Logs needs to encrypt log groups of this account. */
export function logsGrant(id: AwsIdentity): ServiceGrant {
  return {
    service: `logs.${id.region}.amazonaws.com`,
    condition: {
      ArnLike: { "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:${id.partition}:logs:${id.region}:${id.accountId}:log-group:*` },
    },
  };
}
