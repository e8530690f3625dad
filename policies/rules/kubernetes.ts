import type { PlatformPolicy } from "../lib/types";
import { kubernetesAppsDeploymentReplicasMatchHpa } from "./kubernetes/apps/kubernetes-apps-deployment-replicas-match-hpa";
import { kubernetesAppsDeploymentZoneSpread } from "./kubernetes/apps/kubernetes-apps-deployment-zone-spread";
import { kubernetesAutoscalingDeploymentHpa } from "./kubernetes/autoscaling/kubernetes-autoscaling-deployment-hpa";
import { kubernetesCorePodCapabilities } from "./kubernetes/core/kubernetes-core-pod-capabilities";
import { kubernetesCorePodImagePinned } from "./kubernetes/core/kubernetes-core-pod-image-pinned";
import { kubernetesCorePodNoAutomountToken } from "./kubernetes/core/kubernetes-core-pod-no-automount-token";
import { kubernetesCorePodNoBarePods } from "./kubernetes/core/kubernetes-core-pod-no-bare-pods";
import { kubernetesCorePodNoDefaultServiceAccount } from "./kubernetes/core/kubernetes-core-pod-no-default-service-account";
import { kubernetesCorePodNoHostNamespaces } from "./kubernetes/core/kubernetes-core-pod-no-host-namespaces";
import { kubernetesCorePodNoHostPorts } from "./kubernetes/core/kubernetes-core-pod-no-host-ports";
import { kubernetesCorePodNoLiteralSecretEnv } from "./kubernetes/core/kubernetes-core-pod-no-literal-secret-env";
import { kubernetesCorePodNoPrivilegeEscalation } from "./kubernetes/core/kubernetes-core-pod-no-privilege-escalation";
import { kubernetesCorePodNoPrivileged } from "./kubernetes/core/kubernetes-core-pod-no-privileged";
import { kubernetesCorePodProbes } from "./kubernetes/core/kubernetes-core-pod-probes";
import { kubernetesCorePodReadOnlyRootFilesystem } from "./kubernetes/core/kubernetes-core-pod-read-only-root-filesystem";
import { kubernetesCorePodResources } from "./kubernetes/core/kubernetes-core-pod-resources";
import { kubernetesCorePodRunAsNonRoot } from "./kubernetes/core/kubernetes-core-pod-run-as-non-root";
import { kubernetesCorePodRunAsUserNonZero } from "./kubernetes/core/kubernetes-core-pod-run-as-user-non-zero";
import { kubernetesCorePodSeccompProfile } from "./kubernetes/core/kubernetes-core-pod-seccomp-profile";
import { kubernetesCorePodVolumeTypes } from "./kubernetes/core/kubernetes-core-pod-volume-types";
import { kubernetesCoreServiceClusterIp } from "./kubernetes/core/kubernetes-core-service-cluster-ip";
import { kubernetesCoreServiceReferenceExists } from "./kubernetes/core/kubernetes-core-service-reference-exists";
import { kubernetesIstioAuthorizationPolicyAllowRulesScoped } from "./kubernetes/istio/kubernetes-istio-authorizationpolicy-allow-rules-scoped";
import { kubernetesIstioAuthorizationPolicyDefaultDeny } from "./kubernetes/istio/kubernetes-istio-authorizationpolicy-default-deny";
import { kubernetesIstioAuthorizationPolicyPositiveMatch } from "./kubernetes/istio/kubernetes-istio-authorizationpolicy-positive-match";
import { kubernetesIstioDestinationRuleTlsNotDisabled } from "./kubernetes/istio/kubernetes-istio-destinationrule-tls-not-disabled";
import { kubernetesIstioGatewayJwtAuthentication } from "./kubernetes/istio/kubernetes-istio-gateway-jwt-authentication";
import { kubernetesIstioGatewayNoWildcardHost } from "./kubernetes/istio/kubernetes-istio-gateway-no-wildcard-host";
import { kubernetesIstioGatewayRateLimit } from "./kubernetes/istio/kubernetes-istio-gateway-rate-limit";
import { kubernetesIstioGatewayRequireRequestPrincipal } from "./kubernetes/istio/kubernetes-istio-gateway-require-request-principal";
import { kubernetesIstioGatewayTls } from "./kubernetes/istio/kubernetes-istio-gateway-tls";
import { kubernetesIstioIrsaAwsApisReachable } from "./kubernetes/istio/kubernetes-istio-irsa-aws-apis-reachable";
import { kubernetesIstioMeshRegistryOnly } from "./kubernetes/istio/kubernetes-istio-mesh-registry-only";
import { kubernetesIstioNamespaceSidecarEgress } from "./kubernetes/istio/kubernetes-istio-namespace-sidecar-egress";
import { kubernetesIstioNamespaceSidecarInjection } from "./kubernetes/istio/kubernetes-istio-namespace-sidecar-injection";
import { kubernetesIstioPeerAuthenticationMeshStrict } from "./kubernetes/istio/kubernetes-istio-peerauthentication-mesh-strict";
import { kubernetesIstioPeerAuthenticationNoPermissive } from "./kubernetes/istio/kubernetes-istio-peerauthentication-no-permissive";
import { kubernetesIstioPodInjectionNotDisabled } from "./kubernetes/istio/kubernetes-istio-pod-injection-not-disabled";
import { kubernetesIstioServiceEntryExplicitHosts } from "./kubernetes/istio/kubernetes-istio-serviceentry-explicit-hosts";
import { kubernetesNetworkingDeploymentAllowPolicy } from "./kubernetes/networking/kubernetes-networking-deployment-allow-policy";
import { kubernetesNetworkingNamespaceDefaultDeny } from "./kubernetes/networking/kubernetes-networking-namespace-default-deny";
import { kubernetesNetworkingNetworkPolicyNoWorldCidr } from "./kubernetes/networking/kubernetes-networking-networkpolicy-no-world-cidr";
import { kubernetesPolicyDeploymentPdb } from "./kubernetes/policy/kubernetes-policy-deployment-pdb";
import { kubernetesHelmReleaseIstioSupportedVersion } from "./kubernetes/helm/kubernetes-helm-release-istio-supported-version";
import { kubernetesHelmReleaseGrafanaAdminSecret } from "./kubernetes/helm/kubernetes-helm-release-grafana-admin-secret";
import { kubernetesStorageStorageClassEbsEncrypted } from "./kubernetes/storage/kubernetes-storage-storageclass-ebs-encrypted";

/** The Kubernetes and Istio pack's policies, sorted by name. */
export const kubernetesPolicies: readonly PlatformPolicy[] = [
  kubernetesAppsDeploymentReplicasMatchHpa,
  kubernetesAppsDeploymentZoneSpread,
  kubernetesAutoscalingDeploymentHpa,
  kubernetesCorePodCapabilities,
  kubernetesCorePodImagePinned,
  kubernetesCorePodNoAutomountToken,
  kubernetesCorePodNoBarePods,
  kubernetesCorePodNoDefaultServiceAccount,
  kubernetesCorePodNoHostNamespaces,
  kubernetesCorePodNoHostPorts,
  kubernetesCorePodNoLiteralSecretEnv,
  kubernetesCorePodNoPrivilegeEscalation,
  kubernetesCorePodNoPrivileged,
  kubernetesCorePodProbes,
  kubernetesCorePodReadOnlyRootFilesystem,
  kubernetesCorePodResources,
  kubernetesCorePodRunAsNonRoot,
  kubernetesCorePodRunAsUserNonZero,
  kubernetesCorePodSeccompProfile,
  kubernetesCorePodVolumeTypes,
  kubernetesCoreServiceClusterIp,
  kubernetesIstioAuthorizationPolicyAllowRulesScoped,
  kubernetesIstioAuthorizationPolicyDefaultDeny,
  kubernetesIstioAuthorizationPolicyPositiveMatch,
  kubernetesIstioDestinationRuleTlsNotDisabled,
  kubernetesIstioGatewayJwtAuthentication,
  kubernetesIstioGatewayNoWildcardHost,
  kubernetesIstioGatewayRateLimit,
  kubernetesIstioGatewayRequireRequestPrincipal,
  kubernetesIstioGatewayTls,
  kubernetesIstioIrsaAwsApisReachable,
  kubernetesIstioMeshRegistryOnly,
  kubernetesIstioNamespaceSidecarEgress,
  kubernetesIstioNamespaceSidecarInjection,
  kubernetesIstioPeerAuthenticationMeshStrict,
  kubernetesIstioPeerAuthenticationNoPermissive,
  kubernetesIstioPodInjectionNotDisabled,
  kubernetesIstioServiceEntryExplicitHosts,
  kubernetesNetworkingDeploymentAllowPolicy,
  kubernetesNetworkingNamespaceDefaultDeny,
  kubernetesNetworkingNetworkPolicyNoWorldCidr,
  kubernetesPolicyDeploymentPdb,
  kubernetesHelmReleaseIstioSupportedVersion,
  kubernetesCoreServiceReferenceExists,
  kubernetesHelmReleaseGrafanaAdminSecret,
  kubernetesStorageStorageClassEbsEncrypted,
];
