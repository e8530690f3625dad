import { describe, expect, it } from "vitest";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1";
import { ConfigMap, LimitRange, Namespace, PersistentVolume, PersistentVolumeClaim, ResourceQuota, Secret, Service, ServiceAccount } from "kubernetes-models/v1";
import { DestinationRule, Gateway, ServiceEntry, Sidecar, VirtualService } from "@kubernetes-models/istio/networking.istio.io/v1";
import { EnvoyFilter } from "@kubernetes-models/istio/networking.istio.io/v1alpha3";
import { AuthorizationPolicy, PeerAuthentication, RequestAuthentication } from "@kubernetes-models/istio/security.istio.io/v1";
import { Telemetry } from "@kubernetes-models/istio/telemetry.istio.io/v1";
import { loadPlan, STACKS } from "../../support/plans";
import { kubernetesObjects } from "../../support/resources";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Model = new (data?: any) => object;
const validate = (Kind: Model, data: unknown) => (new Kind(data) as { validate(): void }).validate();
/** The official schema of each kind the program creates, by Pulumi type token. */
const MODELS: Record<string, Model> = {
  "kubernetes:apps/v1:Deployment": Deployment,
  "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": NetworkPolicy,
  "kubernetes:policy/v1:PodDisruptionBudget": PodDisruptionBudget,
  "kubernetes:storage.k8s.io/v1:StorageClass": StorageClass,
  "kubernetes:core/v1:ConfigMap": ConfigMap,
  "kubernetes:core/v1:LimitRange": LimitRange,
  "kubernetes:core/v1:Namespace": Namespace,
  "kubernetes:core/v1:PersistentVolume": PersistentVolume,
  "kubernetes:core/v1:PersistentVolumeClaim": PersistentVolumeClaim,
  "kubernetes:core/v1:ResourceQuota": ResourceQuota,
  "kubernetes:core/v1:Secret": Secret,
  "kubernetes:core/v1:Service": Service,
  "kubernetes:core/v1:ServiceAccount": ServiceAccount,
  "kubernetes:networking.istio.io/v1:DestinationRule": DestinationRule,
  "kubernetes:networking.istio.io/v1:Gateway": Gateway,
  "kubernetes:networking.istio.io/v1:ServiceEntry": ServiceEntry,
  "kubernetes:networking.istio.io/v1:Sidecar": Sidecar,
  "kubernetes:networking.istio.io/v1:VirtualService": VirtualService,
  "kubernetes:networking.istio.io/v1alpha3:EnvoyFilter": EnvoyFilter,
  "kubernetes:security.istio.io/v1:AuthorizationPolicy": AuthorizationPolicy,
  "kubernetes:security.istio.io/v1:PeerAuthentication": PeerAuthentication,
  "kubernetes:security.istio.io/v1:RequestAuthentication": RequestAuthentication,
  "kubernetes:telemetry.istio.io/v1:Telemetry": Telemetry,
};
/**
 * Kinds with no published model: the CSI driver's and the VPC resource controller's CRDs,
 * and the Load Balancer Controller's TargetGroupBinding (checked against its CRD's schema
 * in test/components/edge/gatewayBinding.test.ts).
 */
const NO_MODEL = [
  "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass",
  "kubernetes:vpcresources.k8s.aws/v1beta1:SecurityGroupPolicy",
  "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding",
];

/**
 * The plan masks secret values as "[secret]"; a Secret's whole `data`/`stringData` map
 * is one secret on the wire, so it stands in as an empty map (its keys are tested
 * elsewhere). Everything else validates as recorded.
 */
function unmask(inputs: Record<string, unknown>): Record<string, unknown> {
  const out = { ...inputs };
  for (const key of ["data", "stringData"]) if (out[key] === "[secret]") out[key] = {};
  return out;
}

describe.each(STACKS)("Kubernetes objects against the official schemas (%s)", (stack) => {
  const objects = kubernetesObjects(loadPlan(stack));

  it("has a model for every kind it creates", () => {
    const unknown = [...new Set(objects.map((o) => o.type))].filter((t) => !MODELS[t] && !NO_MODEL.includes(t));
    expect(unknown).toEqual([]);
    expect(objects.length).toBeGreaterThan(50);
  });

  it.each(objects.filter((o) => MODELS[o.type]).map((o) => [o.name, o] as const))("%s validates", (_name, o) => {
    const Kind = MODELS[o.type];
    expect(() => validate(Kind, unmask(o.inputs))).not.toThrow();
  });

  it("rejects a broken gateway-layer object (the Istio validators are live)", () => {
    const ra = objects.find((o) => o.type === "kubernetes:security.istio.io/v1:RequestAuthentication")!;
    const badRa = JSON.parse(JSON.stringify(ra.inputs));
    badRa.spec.jwtRules[0].audiences = "api.company.com";
    expect(() => validate(RequestAuthentication, badRa)).toThrow();
    const filter = objects.find((o) => o.type === "kubernetes:networking.istio.io/v1alpha3:EnvoyFilter")!;
    const badFilter = JSON.parse(JSON.stringify(filter.inputs));
    badFilter.spec.configPatches[0].applyTo = "HTTP_FILTERS";
    expect(() => validate(EnvoyFilter, badFilter)).toThrow();
  });

  it("rejects a broken object (the validator is live)", () => {
    const deployment = objects.find((o) => o.type === "kubernetes:apps/v1:Deployment")!;
    const broken = JSON.parse(JSON.stringify(deployment.inputs));
    broken.spec.template.spec.containers[0].ports[0].containerPort = "http";
    expect(() => validate(Deployment, broken)).toThrow();
  });
});
