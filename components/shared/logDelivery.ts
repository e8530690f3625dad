import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TrustConditions, serviceTrustPolicy } from "./iam";

/** What an AWS service may do to deliver logs into one log group. */
export interface LogDeliveryRoleArgs {
  /** The role's description. */
  readonly description: string;
  /** The service principal that assumes the role, e.g. `vpc-flow-logs.amazonaws.com`. */
  readonly service: string;
  /** What pins the caller: its account (`sourceAccount`) or the one resource it delivers for (`sourceArn`). */
  readonly trust: TrustConditions;
  /** The CloudWatch Logs actions it needs. */
  readonly actions: readonly string[];
  /** The log group (and stream) ARNs those actions are limited to. */
  readonly resources: pulumi.Input<string> | pulumi.Input<string>[];
}

/** The role a service assumes to write into a log group (`<name>-role`) and its policy (`<name>-write`). */
export function createLogDeliveryRole(
  name: string,
  args: LogDeliveryRoleArgs,
  opts: pulumi.CustomResourceOptions,
): { role: aws.iam.Role; write: aws.iam.RolePolicy } {
  const role = new aws.iam.Role(
    `${name}-role`,
    {
      description: args.description,
      assumeRolePolicy: serviceTrustPolicy(args.service, args.trust),
    },
    opts,
  );
  const write = new aws.iam.RolePolicy(
    `${name}-write`,
    {
      role: role.id,
      policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: args.actions, Resource: args.resources }] }),
    },
    opts,
  );
  return { role, write };
}
