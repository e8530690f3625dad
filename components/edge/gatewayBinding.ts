import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { metricsScrapeIngress } from "../microservice/manifests";

/** The gateway ports the ALB reaches: HTTPS for traffic, the status port for health checks. */
export interface GatewayPorts {
  /** The gateway container's HTTPS port (the Service's `https` port targets it). */
  readonly https: number;
  /** Istio's status port, whose `/healthz/ready` the target group's health check calls over HTTP. */
  readonly health: number;
}

/** Where the gateway runs and how the ALB's targets are registered. */
export interface GatewayBindingArgs {
  /** The gateway's namespace. */
  readonly namespace: string;
  /** The API service whose target group this binding fills (it names the binding). */
  readonly service: string;
  /** The gateway's ClusterIP Service. */
  readonly serviceName: string;
  /** The Service port of HTTPS (443). */
  readonly servicePort: number;
  /** The target group's ARN. */
  readonly targetGroupArn: pulumi.Input<string>;
  /** The VPC of the target group. */
  readonly vpcId: pulumi.Input<string>;
}

/** The prefix of the `TargetGroupBinding`s' names: `edge-alb-<service>`. */
const TARGET_GROUP_BINDING = "edge-alb";

/**
 * A service's `TargetGroupBinding` (elbv2.k8s.aws/v1beta1), `edge-alb-<service>`: the
 * controller keeps the service's target group's targets equal to the gateway Service's
 * ready endpoints (pod IPs on the HTTPS port); every service's binding names the same
 * gateway Service. No `networking` block: the security-group rules from the ALB to the pods are
 * Pulumi's, and the controller's IAM policy cannot change security groups.
 */
export function targetGroupBinding(args: GatewayBindingArgs) {
  return {
    apiVersion: "elbv2.k8s.aws/v1beta1",
    kind: "TargetGroupBinding",
    metadata: { name: `${TARGET_GROUP_BINDING}-${args.service}`, namespace: args.namespace },
    spec: {
      serviceRef: { name: args.serviceName, port: args.servicePort },
      targetGroupARN: args.targetGroupArn,
      targetType: "ip",
      targetGroupProtocol: "HTTPS",
      ipAddressType: "ipv4",
      vpcID: args.vpcId,
    },
  };
}

/**
 * The gateway namespace's NetworkPolicy for the edge: the ALB's nodes (in the public
 * subnets) may reach the gateway pods on the HTTPS and status ports only; the status
 * port also answers the kubelet's probes from the nodes (application subnets), and
 * Prometheus scrapes the merged metrics (15020) from its own pods. Other
 * ingress to the gateway pods is denied.
 */
export function gatewayIngressPolicy(
  selector: Readonly<Record<string, string>>,
  ports: GatewayPorts,
  publicCidrs: readonly string[],
  applicationCidrs: readonly string[],
): k8s.types.input.networking.v1.NetworkPolicySpec {
  return {
    podSelector: { matchLabels: { ...selector } },
    policyTypes: ["Ingress"],
    ingress: [
      {
        from: publicCidrs.map((cidr) => ({ ipBlock: { cidr } })),
        ports: [
          { protocol: "TCP", port: ports.https },
          { protocol: "TCP", port: ports.health },
        ],
      },
      { from: applicationCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port: ports.health }] },
      // Prometheus, on the gateway's merged metrics.
      metricsScrapeIngress(),
    ],
  };
}
