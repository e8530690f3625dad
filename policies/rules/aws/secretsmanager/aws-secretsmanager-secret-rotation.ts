import * as aws from "@pulumi/aws";
import { stackPolicy } from "../../../lib/resource";
import { label } from "../../../lib/stack";
import { known } from "../../../lib/unknown";

interface Config {
  /** The longest allowed rotation interval, in days. */
  readonly maximumDays: number;
}

/** Every secret rotates at least every 90 days. */
export const awsSecretsmanagerSecretRotation = stackPolicy(
  {
    name: "aws-secretsmanager-secret-rotation",
    description: "Every Secrets Manager secret has a rotation that runs at least every 90 days.",
    severity: "high",
    remediationSteps: "Add an aws.secretsmanager.SecretRotation for the secret with rotationRules.automaticallyAfterDays of 90 or fewer.",
    frameworks: ["NAG SMG4", "CKV2_AWS_57", "CKV_AWS_304", "FSBP SecretsManager.1", "FSBP SecretsManager.4"],
    seed: true,
    configSchema: { properties: { maximumDays: { type: "integer", minimum: 1, default: 90 } } },
  },
  (stack, args) => {
    const { maximumDays } = args.getConfig<Config>();
    const secrets = stack.ofType(aws.secretsmanager.Secret);
    if (secrets.length === 0) args.notApplicable("The stack has no Secrets Manager secret.");
    return secrets.flatMap((secret) => {
      const rotations = stack.referrers(secret, "secretId", aws.secretsmanager.SecretRotation);
      if (rotations.length === 0) return [{ urn: secret.urn, message: `${label(secret)} has no rotation.` }];
      const days = rotations.map((r) => known(() => r.props.rotationRules?.automaticallyAfterDays) as number | undefined);
      return days.some((d) => d !== undefined && d <= maximumDays)
        ? []
        : [{ urn: secret.urn, message: `${label(secret)} rotates every ${days.map((d) => d ?? "(schedule)").join(", ")} days; the maximum is ${maximumDays}.` }];
    });
  },
);
