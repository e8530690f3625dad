import { ISTIO } from "../../../lib/istio";
import { resourcePolicyOfTypes } from "../../../lib/resource";

const WEAK = ["PERMISSIVE", "DISABLE"];

/** No PeerAuthentication weakens mTLS, per port included. */
export const kubernetesIstioPeerAuthenticationNoPermissive = resourcePolicyOfTypes(
  {
    name: "kubernetes-istio-peerauthentication-no-permissive",
    description: "No PeerAuthentication sets mTLS mode PERMISSIVE or DISABLE, for the workload or for any port (portLevelMtls).",
    severity: "critical",
    remediationSteps: "Set spec.mtls.mode to STRICT (or leave it UNSET to inherit the mesh's STRICT) and remove PERMISSIVE/DISABLE port-level settings.",
    frameworks: ["IST mutual-tls", "KYV enforce-strict-mtls"],
    seed: true,
  },
  ISTIO.PeerAuthentication,
  (props) => {
    const spec = props.spec ?? {};
    const mode = spec.mtls?.mode;
    return [
      WEAK.includes(mode) && `mtls.mode is ${mode}.`,
      ...Object.entries((spec.portLevelMtls as Record<string, { mode?: string }> | undefined) ?? {}).map(([port, m]) => WEAK.includes(m.mode ?? "") && `portLevelMtls ${port} is ${m.mode}.`),
    ];
  },
);
