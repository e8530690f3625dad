import type { PolicyResource } from "@pulumi/policy";
import { ISTIO, specOf } from "./istio";
import { selects } from "./k8s";
import { StackIndex } from "./stack";

/** An Istio ingress gateway: the Gateway resource and the labels of the pods it runs on. */
export interface IngressGateway {
  readonly gateway: PolicyResource;
  readonly workloadLabels: Record<string, string>;
}

/** Every Istio Gateway of the stack with its workload selector. */
export function ingressGateways(stack: StackIndex): IngressGateway[] {
  return stack.ofType(...ISTIO.Gateway).map((gateway) => ({ gateway, workloadLabels: (specOf(gateway).selector as Record<string, string> | undefined) ?? {} }));
}

/** True when a policy's `selector.matchLabels` (or an EnvoyFilter's `workloadSelector.labels`) picks the gateway's pods. */
export function targetsGateway(selector: Record<string, string> | undefined, gw: IngressGateway): boolean {
  return selector !== undefined && Object.keys(selector).length > 0 && selects({ matchLabels: selector }, gw.workloadLabels);
}
