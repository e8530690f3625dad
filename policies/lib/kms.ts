/**
 * The one "customer-managed key is set" check every encryption-at-rest policy shares
 * (RDS, ElastiCache, MSK, S3, EFS, Secrets Manager, SNS, SQS, log groups, CloudTrail,
 * Redshift, Firehose, EKS...). It returns the violation message, or `undefined`.
 *
 * @param value the key input as the program set it (an ARN, key ID or alias).
 * @param field the input's name, for the message, e.g. `kmsKeyId`.
 */
export function customerManagedKeyProblem(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === "") {
    return `${field} is not set, so the data is encrypted with an AWS-managed key instead of a customer-managed KMS key.`;
  }
  if (typeof value === "string" && /(^|:)alias\/aws\//.test(value)) {
    return `${field} is ${value}, an AWS-managed key; use a customer-managed KMS key.`;
  }
  return undefined;
}
