import { containerPolicy } from "../../../lib/pods";

/** Environment variable names that carry credentials. */
const SECRET_ENV_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|ACCESS_?KEY)/i;
/** Names that point at a credential (a mounted file, an ARN) rather than hold it. */
const REFERENCE_ENV_NAME = /_(FILE|PATH|DIR|ARN|NAME|ID|REF)$/i;

/** Credentials never appear as literal environment values. */
export const kubernetesCorePodNoLiteralSecretEnv = containerPolicy(
  {
    name: "kubernetes-core-pod-no-literal-secret-env",
    description:
      "No container sets a credential (an environment variable named like a password, token, secret or key, other than a *_FILE, *_PATH or *_ARN reference) as a literal value; credentials come from mounted secret files or secretKeyRef.",
    severity: "critical",
    remediationSteps: "Mount the secret as a file (Secrets Store CSI driver or a Secret volume), or use valueFrom.secretKeyRef; never value.",
    frameworks: ["POL", "KYV secrets-not-from-env-vars", "CKV_K8S_35"],
    seed: true,
  },
  (c) => {
    const literal = (c.container.env ?? []).filter((e) => SECRET_ENV_NAME.test(e.name) && !REFERENCE_ENV_NAME.test(e.name) && e.value !== undefined && e.value !== "");
    return literal.length > 0 ? `sets credential env var(s) ${literal.map((e) => e.name).join(", ")} as literal values.` : undefined;
  },
);
