import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

/** Plain-HTTP listeners only redirect to HTTPS. */
export const awsLbListenerHttpRedirectsToHttps = resourcePolicyOfTypes(
  {
    name: "aws-lb-listener-http-redirects-to-https",
    description: "Every HTTP listener's only action is a redirect to HTTPS, so no request is served in plain text.",
    severity: "high",
    remediationSteps: "Give HTTP listeners a single default action of type redirect with protocol HTTPS and port 443, and no forwarding rules.",
    frameworks: ["AG alb-http-to-https-redirection-check", "CKV2_AWS_20", "FSBP ELB.1", "CP aws-alb-listener-disallow-unencrypted-traffic"],
    seed: true,
  },
  [aws.lb.Listener, aws.alb.Listener],
  (props) => {
    if (props.protocol !== "HTTP") return undefined;
    const actions = (props.defaultActions as { type?: string; redirect?: { protocol?: string } }[] | undefined) ?? [];
    if (actions.length === 0) return "The HTTP listener has no default action; it must redirect to HTTPS.";
    return actions.map((a) =>
      a.type !== "redirect"
        ? `The HTTP listener has a ${a.type ?? "untyped"} action; its only action must be a redirect to HTTPS.`
        : a.redirect?.protocol !== "HTTPS"
          ? `The HTTP listener redirects to protocol ${a.redirect?.protocol ?? "#{protocol}"}, not HTTPS.`
          : undefined,
    );
  },
);
