import type * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterAddons } from "./ClusterAddons";
import { ClusterAutoscaler } from "./ClusterAutoscaler";
import type { ClusterOidc } from "./irsa";
import { kubeconfig } from "./kubeconfig";

export interface InClusterArgs {
  /** The cluster. */
  readonly clusterName: pulumi.Input<string>;
  /** Its API endpoint. */
  readonly endpoint: pulumi.Input<string>;
  /** Its CA bundle (base64). */
  readonly certificateAuthorityData: pulumi.Input<string>;
  /** The Kubernetes version (the cluster autoscaler's image follows it). */
  readonly kubernetesVersion: string;
  /** The region (`aws eks get-token`, the autoscaler's AWS API). */
  readonly region: string;
  /** The cluster's OIDC provider (the autoscaler's IRSA role). */
  readonly oidc: ClusterOidc;
  /** The node groups the autoscaler may scale; the provider waits for them. */
  readonly nodeGroups: readonly aws.eks.NodeGroup[];
  /** The Helm add-ons wait for these (CoreDNS). */
  readonly addonsDependOn: pulumi.Resource[];
}

/** What {@link installInClusterAddons} made. */
export interface InCluster {
  /** The kubeconfig (exec auth through `aws eks get-token`). */
  readonly kubeconfig: pulumi.Output<string>;
  /** The Kubernetes provider (`<name>-k8s`), server-side apply on. */
  readonly provider: k8s.Provider;
  /** metrics-server and the Secrets Store CSI driver (`<name>-addons`). */
  readonly addons: ClusterAddons;
  /** The cluster autoscaler (`<name>-autoscaler`). */
  readonly autoscaler: ClusterAutoscaler;
}

/**
 * The Kubernetes side of the cluster: a provider built from the endpoint and CA (after
 * the nodes exist), then the in-cluster Helm add-ons and the cluster autoscaler on it.
 */
export function installInClusterAddons(name: string, args: InClusterArgs, parent: pulumi.Resource): InCluster {
  const config = kubeconfig({ clusterName: args.clusterName, endpoint: args.endpoint, certificateAuthorityData: args.certificateAuthorityData, region: args.region });
  const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: config, enableServerSideApply: true }, { parent, dependsOn: [...args.nodeGroups] });
  const addons = new ClusterAddons(`${name}-addons`, {}, { parent, providers: { kubernetes: provider }, dependsOn: args.addonsDependOn });
  const autoscaler = new ClusterAutoscaler(
    `${name}-autoscaler`,
    {
      clusterName: args.clusterName,
      kubernetesVersion: args.kubernetesVersion,
      region: args.region,
      oidcProviderArn: args.oidc.provider.arn,
      oidcIssuerHost: args.oidc.issuerHost,
      nodeGroupArns: args.nodeGroups.map((g) => g.arn),
    },
    { parent, providers: { kubernetes: provider }, dependsOn: args.addonsDependOn },
  );
  return { kubeconfig: config, provider, addons, autoscaler };
}
