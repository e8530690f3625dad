/** Interface endpoints that keep AWS API traffic inside the VPC, by logical role. */
export const INTERFACE_ENDPOINTS = {
  "ecr-api": "ecr.api",
  "ecr-dkr": "ecr.dkr",
  sts: "sts",
  secretsmanager: "secretsmanager",
  kms: "kms",
  logs: "logs",
} as const;

/** `com.amazonaws.<region>.<service>`: the endpoint service name. */
export function endpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}
