import { ISTIO } from "../../../lib/istio";
import { resourcePolicyOfTypes } from "../../../lib/resource";

type Server = { port?: { number?: number; protocol?: string }; tls?: { mode?: string; httpsRedirect?: boolean; credentialName?: string } };

/** Gateways terminate TLS on 443 and only redirect on plain HTTP. */
export const kubernetesIstioGatewayTls = resourcePolicyOfTypes(
  {
    name: "kubernetes-istio-gateway-tls",
    description: "Istio Gateway servers on port 443 (or HTTPS/TLS) use TLS mode SIMPLE, MUTUAL or ISTIO_MUTUAL, and plain-HTTP servers only redirect to HTTPS.",
    severity: "high",
    remediationSteps: "Set tls.mode SIMPLE with a credentialName on the 443 server, and tls.httpsRedirect: true on any HTTP server.",
    frameworks: ["IST gateway", "KYV"],
  },
  ISTIO.Gateway,
  (props) =>
    ((props.spec?.servers as Server[] | undefined) ?? []).map((s) => {
      const protocol = (s.port?.protocol ?? "").toUpperCase();
      const port = s.port?.number ?? "?";
      if (s.port?.number === 443 || protocol === "HTTPS" || protocol === "TLS") {
        return ["SIMPLE", "MUTUAL", "ISTIO_MUTUAL", "OPTIONAL_MUTUAL"].includes(s.tls?.mode ?? "") ? undefined : `Server on port ${port} has tls.mode ${s.tls?.mode ?? "(unset)"}; it must terminate TLS.`;
      }
      if (protocol === "HTTP" || protocol === "HTTP2") return s.tls?.httpsRedirect === true ? undefined : `Plain-HTTP server on port ${port} does not redirect to HTTPS.`;
      return undefined;
    }),
);
