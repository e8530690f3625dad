import { stackPolicy } from "../../../lib/resource";
import { known } from "../../../lib/unknown";

/** What stands for a secret value in the offline plan. */
const SECRET_MARKER = "[secret]";
/** Output keys that name credentials (but not their ARNs, IDs or names). */
const SENSITIVE_KEY = /(password|passwd|secret|token|private.?key|kubeconfig|credentials?)/i;
/** Keys whose values refer to a credential (its ARN, ID or name) rather than hold it. */
const REFERENCE_KEY = /(arn|arns|id|ids|name|names|version)$/i;
const PRIVATE_KEY_PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

function findings(value: unknown, path: string, underReference = false): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findings(v, `${path}[${i}]`, underReference));
  if (value && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
      const at = path ? `${path}.${k}` : k;
      const reference = underReference || REFERENCE_KEY.test(k);
      const plain = v !== SECRET_MARKER && v !== undefined && v !== null && !(typeof v === "string" && v.startsWith("arn:"));
      if (SENSITIVE_KEY.test(k) && !reference && plain && typeof v !== "object") return [`Stack output ${at} carries a credential but is not a secret.`];
      return findings(v, at, reference);
    });
  }
  return typeof value === "string" && PRIVATE_KEY_PEM.test(value) ? [`Stack output ${path} holds a private key in plain text.`] : [];
}

/** Passwords, tokens and private keys leave the stack only as secrets. */
export const pulumiStackOutputsSecret = stackPolicy(
  {
    name: "pulumi-stack-outputs-secret",
    description:
      "Stack outputs that carry passwords, tokens, private keys or kubeconfigs are secrets. The engine unwraps secrets before policies run, so this check runs where secrets stay masked: the offline plan (stack tag platform:secrets=masked).",
    severity: "critical",
    remediationSteps: "Wrap the output in pulumi.secret(...) (or export the secret's ARN instead of its value).",
    frameworks: ["platform"],
    seed: true,
  },
  (stack, args) => {
    if (args.stackTags.get("platform:secrets") !== "masked") args.notApplicable("Secret outputs can only be told apart where secrets stay masked (the offline plan).");
    const root = stack.resources.find((r) => r.type === "pulumi:pulumi:Stack");
    if (!root) args.notApplicable("The stack resource is not in the plan.");
    return (known(() => findings(root!.props, "")) ?? []).map((message) => ({ urn: root!.urn, message }));
  },
);
