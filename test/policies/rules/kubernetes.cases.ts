import { Mutation, resource } from "../fixtures";
import { K8S_TYPES as T, podTemplate } from "../worlds/kubernetes";

const POD = "spec.template.spec";
const APP = `${POD}.containers.0`;
const INIT = `${POD}.initContainers.0`;

/** Per Kubernetes/Istio policy, the changes to the compliant world that must violate it, one field at a time. */
export const KUBERNETES_CASES: Record<string, readonly Mutation[]> = {
  "kubernetes-core-pod-no-privilege-escalation": [
    { name: "app container", apply: (w) => w.set("api", `${APP}.securityContext.allowPrivilegeEscalation`, true), expect: ["api: container 'api' does not set allowPrivilegeEscalation to false."] },
    {
      name: "ephemeral container",
      apply: (w) => w.set("api", `${POD}.ephemeralContainers`, [{ name: "debug", image: "busybox:1.36", securityContext: { capabilities: { drop: ["ALL"] } } }]),
      expect: ["api: ephemeral container 'debug' does not set allowPrivilegeEscalation to false."],
    },
  ],
  "kubernetes-core-pod-run-as-non-root": [
    { name: "pod-level setting removed", apply: (w) => w.set("api", `${POD}.securityContext.runAsNonRoot`, undefined), expect: ["api: container 'api' does not set runAsNonRoot to true (nor does the pod).", "api: init container 'migrate' does not set runAsNonRoot to true (nor does the pod)."] },
    { name: "container overrides", apply: (w) => w.set("api", `${INIT}.securityContext.runAsNonRoot`, false), expect: ["api: init container 'migrate' does not set runAsNonRoot to true (nor does the pod)."] },
  ],
  "kubernetes-core-pod-run-as-user-non-zero": [
    { name: "init container as root", apply: (w) => w.set("api", `${INIT}.securityContext.runAsUser`, 0), expect: ["api: init container 'migrate' runs as runAsUser 0 (root)."] },
  ],
  "kubernetes-core-pod-seccomp-profile": [
    { name: "unconfined", apply: (w) => w.set("api", `${APP}.securityContext.seccompProfile`, { type: "Unconfined" }), expect: ["api: container 'api' has seccomp profile Unconfined; use RuntimeDefault or Localhost."] },
    {
      name: "CronJob pod without a profile",
      apply: (w) => w.set("report", "spec.jobTemplate.spec.template.spec.securityContext.seccompProfile", undefined),
      expect: ["report: container 'api' has seccomp profile (unset); use RuntimeDefault or Localhost.", "report: init container 'migrate' has seccomp profile (unset); use RuntimeDefault or Localhost."],
    },
  ],
  "kubernetes-core-pod-capabilities": [
    { name: "nothing dropped", apply: (w) => w.set("api", `${APP}.securityContext.capabilities.drop`, ["NET_RAW"]), expect: ["api: container 'api' does not drop ALL capabilities."] },
    { name: "NET_ADMIN added", apply: (w) => w.set("api", `${INIT}.securityContext.capabilities.add`, ["NET_BIND_SERVICE", "NET_ADMIN"]), expect: ["api: init container 'migrate' adds capabilities NET_ADMIN; only NET_BIND_SERVICE may be added."] },
  ],
  "kubernetes-core-service-reference-exists": [
    {
      name: "a tracing collector in istiod's values that nothing deploys",
      apply: (w) => w.set("istiod", "values.meshConfig.extensionProviders", [{ name: "otel-tracing", opentelemetry: { service: "otel-collector.observability.svc.cluster.local", port: 4317 } }]),
      expect: ["istiod: Release 'istiod' names in-cluster host otel-collector.observability.svc.cluster.local (at values.meshConfig.extensionProviders[0].opentelemetry.service), but the stack has no Service 'otel-collector' in namespace 'observability'."],
    },
    {
      name: "a Sidecar egress host in another namespace",
      apply: (w) => w.set("shop-sidecar", "spec.egress.0.hosts", ["./*", "istio-system/*", "observability/otel-collector.observability.svc.cluster.local"]),
      expect: ["shop-sidecar: Sidecar 'shop-sidecar' in namespace 'shop' names in-cluster host otel-collector.observability.svc.cluster.local (at spec.egress[0].hosts[2]), but the stack has no Service 'otel-collector' in namespace 'observability'."],
    },
    {
      name: "the Service a DestinationRule names is gone",
      apply: (w) => w.remove("api-svc"),
      expect: ["api-dr: DestinationRule 'api-dr' in namespace 'shop' names in-cluster host api.shop.svc.cluster.local (at spec.host), but the stack has no Service 'api' in namespace 'shop'."],
    },
    {
      name: "a short host in a container's environment",
      apply: (w) => w.set("api", `${APP}.env`, [{ name: "CATALOG_URL", value: "http://catalog.shop.svc:8080/v1" }]),
      expect: ["api: Deployment 'api' in namespace 'shop' names in-cluster host catalog.shop.svc (at spec.template.spec.containers[0].env[0].value), but the stack has no Service 'catalog' in namespace 'shop'."],
    },
  ],
  "kubernetes-core-pod-no-privileged": [{ name: "privileged", apply: (w) => w.set("api", `${APP}.securityContext.privileged`, true), expect: ["api: container 'api' is privileged."] }],
  "kubernetes-core-pod-no-host-namespaces": [
    { name: "host network", apply: (w) => w.set("api", `${POD}.hostNetwork`, true), expect: ["api: The pod sets hostNetwork to true."] },
    { name: "host PID", apply: (w) => w.set("report", "spec.jobTemplate.spec.template.spec.hostPID", true), expect: ["report: The pod sets hostPID to true."] },
  ],
  "kubernetes-core-pod-no-host-ports": [{ name: "host port", apply: (w) => w.set("api", `${APP}.ports.0.hostPort`, 8080), expect: ["api: container 'api' binds host port(s) 8080."] }],
  "kubernetes-core-pod-volume-types": [
    { name: "hostPath", apply: (w) => w.set("api", `${POD}.volumes.0`, { name: "docker", hostPath: { path: "/var/run/docker.sock" } }), expect: ["api: Volume 'docker' is of type hostPath, which is not allowed."] },
  ],
  "kubernetes-core-pod-read-only-root-filesystem": [
    { name: "writable root", apply: (w) => w.set("api", `${APP}.securityContext.readOnlyRootFilesystem`, false), expect: ["api: container 'api' does not set readOnlyRootFilesystem to true."] },
  ],
  "kubernetes-core-pod-resources": [
    { name: "no memory limit", apply: (w) => w.set("api", `${APP}.resources.limits`, undefined), expect: ["api: container 'api' has no limits.memory."] },
    { name: "init container without requests", apply: (w) => w.set("api", `${INIT}.resources.requests`, undefined), expect: ["api: init container 'migrate' has no requests.cpu, requests.memory."] },
  ],
  "kubernetes-core-pod-probes": [
    { name: "no readiness probe", apply: (w) => w.set("api", `${APP}.readinessProbe`, undefined), expect: ["api: container 'api' has no readinessProbe."] },
    { name: "no probes at all", apply: (w) => w.set("api", `${APP}.readinessProbe`, undefined).set("api", `${APP}.livenessProbe`, undefined), expect: ["api: container 'api' has no readinessProbe and livenessProbe."] },
  ],
  "kubernetes-core-pod-image-pinned": [
    { name: "latest", apply: (w) => w.set("api", `${APP}.image`, "registry.example.com/shop/api:latest"), expect: ["api: container 'api' uses image registry.example.com/shop/api:latest tagged latest."] },
    { name: "untagged (registry port is not a tag)", apply: (w) => w.set("api", `${INIT}.image`, "registry.example.com:5000/shop/api"), expect: ["api: init container 'migrate' uses image registry.example.com:5000/shop/api with no tag."] },
  ],
  "kubernetes-core-pod-no-automount-token": [
    { name: "token mounted", apply: (w) => w.set("api", `${POD}.automountServiceAccountToken`, undefined), expect: ["api: automountServiceAccountToken is not false."] },
  ],
  "kubernetes-core-pod-no-default-service-account": [
    { name: "default service account", apply: (w) => w.set("api", `${POD}.serviceAccountName`, undefined), expect: ["api: The pod runs under the default service account."] },
  ],
  "kubernetes-core-pod-no-literal-secret-env": [
    {
      name: "literal password",
      apply: (w) => w.set("api", `${APP}.env.1`, { name: "DB_PASSWORD", value: "hunter2" }),
      expect: ["api: container 'api' sets credential env var(s) DB_PASSWORD as literal values."],
    },
  ],
  "kubernetes-core-pod-no-bare-pods": [
    { name: "a bare pod", apply: (w) => w.add(resource(T.pod, "debug", { metadata: { name: "debug", namespace: "shop" }, ...(podTemplate({ app: "debug" }) as object) })), expect: ["debug: The program declares a bare Pod."] },
  ],
  "kubernetes-core-service-cluster-ip": [
    { name: "NodePort backend", apply: (w) => w.set("api-svc", "spec.type", "NodePort"), expect: ["api-svc: The Service is of type NodePort in namespace shop; only istio-ingress may expose one."] },
  ],
  "kubernetes-networking-namespace-default-deny": [
    { name: "no default deny", apply: (w) => w.remove("shop-default-deny"), expect: ["shop-ns: Namespace 'shop-ns' (shop) has no default-deny NetworkPolicy for ingress and egress."] },
    { name: "ingress only", apply: (w) => w.set("shop-default-deny", "spec.policyTypes", ["Ingress"]), expect: ["shop-ns: Namespace 'shop-ns' (shop) has no default-deny NetworkPolicy for ingress and egress."] },
  ],
  "kubernetes-networking-deployment-allow-policy": [
    { name: "allow policy selects other pods", apply: (w) => w.set("api-allow", "spec.podSelector.matchLabels.app", "web"), expect: ["api: Deployment 'api' is not selected by any NetworkPolicy that allows traffic."] },
  ],
  "kubernetes-policy-deployment-pdb": [
    { name: "no PDB", apply: (w) => w.remove("api-pdb"), expect: ["api: Deployment 'api' is not covered by a PodDisruptionBudget."] },
    { name: "maxUnavailable 0", apply: (w) => w.set("api-pdb", "spec.minAvailable", undefined).set("api-pdb", "spec.maxUnavailable", 0), expect: ["api-pdb: PodDisruptionBudget 'api-pdb' sets maxUnavailable to 0, which blocks every voluntary disruption of Deployment 'api'."] },
    { name: "minAvailable equals replicas", apply: (w) => w.set("api-pdb", "spec.minAvailable", 2), expect: ["api-pdb: PodDisruptionBudget 'api-pdb' sets minAvailable 2, not below the 2 replica(s) of Deployment 'api'."] },
  ],
  "kubernetes-autoscaling-deployment-hpa": [
    { name: "no HPA", apply: (w) => w.remove("api-hpa"), expect: ["api: Deployment 'api' has no HorizontalPodAutoscaler."] },
    { name: "one replica minimum", apply: (w) => w.set("api-hpa", "spec.minReplicas", 1), expect: ["api-hpa: HorizontalPodAutoscaler 'api-hpa' keeps minReplicas 1 for Deployment 'api'; it must be at least 2."] },
  ],
  "kubernetes-apps-deployment-replicas-match-hpa": [
    { name: "replicas above the HPA's maximum", apply: (w) => w.set("api", "spec.replicas", 10), expect: ["api: Deployment 'api' sets replicas 10, outside its HPA's range 2..6."] },
  ],
  "kubernetes-apps-deployment-zone-spread": [
    { name: "spread by host only", apply: (w) => w.set("api", `${POD}.topologySpreadConstraints.0.topologyKey`, "kubernetes.io/hostname"), expect: ["api: The pod template has no topology spread constraint on topology.kubernetes.io/zone."] },
  ],
  "kubernetes-istio-peerauthentication-mesh-strict": [
    { name: "mesh-wide PERMISSIVE", apply: (w) => w.set("mesh-mtls", "spec.mtls.mode", "PERMISSIVE"), expect: ["mesh-mtls: The mesh-wide PeerAuthentication in istio-system has mtls.mode PERMISSIVE, not STRICT."] },
    { name: "none", apply: (w) => w.remove("mesh-mtls"), expect: ["(stack): The mesh has no mesh-wide PeerAuthentication in istio-system."] },
  ],
  "kubernetes-istio-peerauthentication-no-permissive": [
    { name: "PERMISSIVE", apply: (w) => w.set("mesh-mtls", "spec.mtls.mode", "PERMISSIVE"), expect: ["mesh-mtls: mtls.mode is PERMISSIVE."] },
    { name: "a port DISABLE", apply: (w) => w.set("mesh-mtls", "spec.portLevelMtls", { "9090": { mode: "DISABLE" } }), expect: ["mesh-mtls: portLevelMtls 9090 is DISABLE."] },
  ],
  "kubernetes-istio-destinationrule-tls-not-disabled": [
    { name: "TLS off", apply: (w) => w.set("api-dr", "spec.trafficPolicy.tls.mode", "DISABLE"), expect: ["api-dr: trafficPolicy tls.mode is DISABLE."] },
    {
      name: "a subset's port TLS off",
      apply: (w) => w.set("api-dr", "spec.subsets", [{ name: "v2", trafficPolicy: { portLevelSettings: [{ port: { number: 9090 }, tls: { mode: "DISABLE" } }] } }]),
      expect: ["api-dr: subset 'v2' trafficPolicy port 9090 tls.mode is DISABLE."],
    },
  ],
  "kubernetes-istio-namespace-sidecar-injection": [
    { name: "injection off", apply: (w) => w.set("shop-ns", "metadata.labels.istio-injection", "disabled"), expect: ["shop-ns: Namespace 'shop-ns' (shop) runs mesh workloads but is labelled istio-injection=disabled."] },
    {
      name: "no label at all",
      apply: (w) => w.set("shop-ns", "metadata.labels", {}),
      expect: ["shop-ns: Namespace 'shop-ns' (shop) runs mesh workloads but is not labelled for Istio sidecar injection (istio-injection=enabled or istio.io/rev)."],
    },
    {
      name: "disabled wins over a revision label",
      apply: (w) => w.set("shop-ns", "metadata.labels", { "istio-injection": "disabled", "istio.io/rev": "default" }),
      expect: ["shop-ns: Namespace 'shop-ns' (shop) runs mesh workloads but is labelled istio-injection=disabled."],
    },
    {
      name: "the gateway's namespace (a system namespace) turned off",
      apply: (w) => w.set("istio-ingress-ns", "metadata.labels.istio-injection", "disabled"),
      expect: ["istio-ingress-ns: Namespace 'istio-ingress-ns' (istio-ingress) runs mesh workloads but is labelled istio-injection=disabled."],
    },
    {
      name: "istiod runs a revision the namespace does not name",
      apply: (w) => w.set("istiod", "values.revision", "1-28"),
      expect: [
        "istio-ingress-ns: Namespace 'istio-ingress-ns' (istio-ingress) runs mesh workloads but is labelled istio-injection=enabled, but no istiod serves the default revision (revisions: 1-28); label it istio.io/rev.",
        "shop-ns: Namespace 'shop-ns' (shop) runs mesh workloads but is labelled istio-injection=enabled, but no istiod serves the default revision (revisions: 1-28); label it istio.io/rev.",
      ],
    },
    {
      name: "a revision label no istiod serves",
      apply: (w) => w.set("shop-ns", "metadata.labels", { "istio.io/rev": "canary" }),
      expect: ["shop-ns: Namespace 'shop-ns' (shop) runs mesh workloads but is labelled istio.io/rev=canary, a revision no istiod serves (revisions: default)."],
    },
  ],
  "kubernetes-istio-pod-injection-not-disabled": [
    { name: "opt-out annotation", apply: (w) => w.set("api", "spec.template.metadata.annotations", { "sidecar.istio.io/inject": "false" }), expect: ["api: The pod template's annotation sidecar.istio.io/inject is false."] },
  ],
  "kubernetes-helm-release-istio-supported-version": [
    { name: "Istio 1.27.3, the old pin", apply: (w) => w.set("istiod", "version", "1.27.3"), expect: ["istiod: Istio minor version 1.27.3 left standard support on 2026-03-30 (calendar as of 2026-12-02); move to a supported release."] },
    { name: "Istio 1.29, past 6 weeks after 1.31.0", apply: (w) => w.set("istiod", "version", "1.29.7"), expect: ["istiod: Istio minor version 1.29.7 left standard support on 2026-10-12 (calendar as of 2026-12-02); move to a supported release."] },
    { name: "an unpinned chart", apply: (w) => w.set("istiod", "version", undefined), expect: ["istiod: The Istio chart has no pinned version, so Helm installs whatever is newest."] },
    {
      name: "a gateway chart from the Istio repository on an old version",
      apply: (w) => w.add(resource(T.release, "gateway", { chart: "gateway", version: "1.26.8", repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" } })),
      expect: ["gateway: Istio minor version 1.26.8 left standard support on 2025-12-22 (calendar as of 2026-12-02); move to a supported release."],
    },
    {
      name: "1.31 once the as-of date passes its estimated end",
      config: { asOf: "2027-05-01" },
      apply: () => undefined,
      expect: ["istiod: Istio minor version 1.31.0 left standard support on 2027-04-15 (estimated) (calendar as of 2027-05-01); move to a supported release."],
    },
  ],
  "kubernetes-helm-release-grafana-admin-secret": [
    {
      name: "kube-prometheus-stack with the chart's default password",
      apply: (w) => w.add(resource(T.release, "monitoring", { chart: "kube-prometheus-stack", namespace: "observability", values: { grafana: { enabled: true } } })),
      expect: ["monitoring: Grafana's admin credentials do not come from a Secret (admin.existingSecret is unset), so the chart's values password is used."],
    },
    {
      name: "a plaintext password beside the Secret",
      apply: (w) =>
        w.add(resource(T.release, "grafana", { chart: "grafana", namespace: "observability", values: { adminPassword: "hunter2", admin: { existingSecret: "grafana-admin" } } })),
      expect: ["grafana: Grafana's admin password is set in the release's values (adminPassword), in plain text in the state."],
    },
    {
      name: "the password in grafana.ini and anonymous access on",
      apply: (w) =>
        w.add(
          resource(T.release, "grafana", {
            chart: "grafana",
            namespace: "observability",
            values: { admin: { existingSecret: "grafana-admin" }, "grafana.ini": { security: { admin_password: "hunter2" }, "auth.anonymous": { enabled: true } } },
          }),
        ),
      expect: [
        "grafana: Grafana allows anonymous access (grafana.ini auth.anonymous.enabled).",
        "grafana: Grafana's admin password is set in grafana.ini (security.admin_password), in plain text in the state.",
      ],
    },
  ],
  "kubernetes-storage-storageclass-ebs-encrypted": [
    {
      name: "an unencrypted gp3 class",
      apply: (w) => w.add(resource("kubernetes:storage.k8s.io/v1:StorageClass", "gp3", { metadata: { name: "gp3" }, provisioner: "ebs.csi.aws.com", parameters: { type: "gp3", kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k" } })),
      expect: ['gp3: The ebs.csi.aws.com StorageClass does not encrypt its volumes (parameters.encrypted is null, not "true").'],
    },
    {
      name: "encrypted under the default EBS key (in-tree provisioner)",
      apply: (w) => w.add(resource("kubernetes:storage.k8s.io/v1:StorageClass", "gp2", { metadata: { name: "gp2" }, provisioner: "kubernetes.io/aws-ebs", parameters: { encrypted: "true" } })),
      expect: ["gp2: The kubernetes.io/aws-ebs StorageClass names no kmsKeyId, so volumes use the account's default EBS key, not a customer-managed one."],
    },
  ],
  "kubernetes-istio-mesh-registry-only": [
    { name: "ALLOW_ANY", apply: (w) => w.set("istiod", "values.meshConfig.outboundTrafficPolicy.mode", "ALLOW_ANY"), expect: ["istiod: Release 'istiod' sets meshConfig.outboundTrafficPolicy.mode to ALLOW_ANY, not REGISTRY_ONLY."] },
    { name: "unset", apply: (w) => w.set("istiod", "values.meshConfig", undefined), expect: ["istiod: Release 'istiod' sets meshConfig.outboundTrafficPolicy.mode to (unset, ALLOW_ANY), not REGISTRY_ONLY."] },
  ],
  "kubernetes-istio-serviceentry-explicit-hosts": [
    { name: "every host", apply: (w) => w.set("stripe", "spec.hosts", ["*"]), expect: ["stripe: hosts includes a wildcard: * matches every host."] },
    { name: "a top-level-domain wildcard", apply: (w) => w.set("stripe", "spec.hosts", ["api.stripe.com", "*.com"]), expect: ["stripe: hosts includes a wildcard: *.com has a wildcard label and matches every host under it."] },
    { name: "a provider wildcard", apply: (w) => w.set("stripe", "spec.hosts", ["*.amazonaws.com"]), expect: ["stripe: hosts includes a wildcard: *.amazonaws.com has a wildcard label and matches every host under it."] },
    { name: "exported everywhere", apply: (w) => w.set("stripe", "spec.exportTo", undefined), expect: ["stripe: The ServiceEntry is exported to every namespace (exportTo is unset or includes *); set exportTo: [\".\"]."] },
  ],
  "kubernetes-istio-irsa-aws-apis-reachable": [
    {
      name: "the queue's host is not declared to the mesh",
      apply: (w) => w.remove("shop-sqs"),
      expect: [
        "api-role: Role 'api-role' (IRSA for shop/api) is granted sqs:ReceiveMessage, but namespace 'shop' reaches no sqs.us-east-1.amazonaws.com through the mesh (REGISTRY_ONLY): declare it in a ServiceEntry visible to the namespace and admitted by its Sidecar.",
      ],
    },
    {
      name: "the queue's ServiceEntry lives in another namespace, exported only there",
      apply: (w) => w.set("shop-sqs", "metadata.namespace", "billing"),
      expect: [
        "api-role: Role 'api-role' (IRSA for shop/api) is granted sqs:ReceiveMessage, but namespace 'shop' reaches no sqs.us-east-1.amazonaws.com through the mesh (REGISTRY_ONLY): declare it in a ServiceEntry visible to the namespace and admitted by its Sidecar.",
      ],
    },
    {
      name: "the Sidecar admits only named hosts, not the database",
      apply: (w) => w.set("shop-sidecar", "spec.egress.0.hosts", ["istio-system/*", "./sts.us-east-1.amazonaws.com", "./kms.us-east-1.amazonaws.com", "./sqs.us-east-1.amazonaws.com"]),
      expect: [
        "api-role: Role 'api-role' (IRSA for shop/api) is granted rds-db:connect, but namespace 'shop' reaches no *.us-east-1.rds.amazonaws.com through the mesh (REGISTRY_ONLY): declare it in a ServiceEntry visible to the namespace and admitted by its Sidecar.",
      ],
    },
    {
      name: "a Kafka producer grant with no broker host declared",
      apply: (w) =>
        w.set(
          "api-data",
          "policy",
          JSON.stringify({ Statement: [{ Sid: "ProduceIdempotently", Effect: "Allow", Action: "kafka-cluster:WriteDataIdempotently", Resource: "arn:aws:kafka:us-east-1:123456789012:cluster/events/abc" }] }),
        ),
      expect: [
        "api-role: Role 'api-role' (IRSA for shop/api) is granted kafka-cluster:WriteDataIdempotently, but namespace 'shop' reaches no *.kafka.us-east-1.amazonaws.com through the mesh (REGISTRY_ONLY): declare it in a ServiceEntry visible to the namespace and admitted by its Sidecar.",
      ],
    },
    {
      name: "no interface endpoint for the queue and no NAT route",
      apply: (w) => w.remove("endpoint-sqs"),
      expect: ["api-role: Role 'api-role' (IRSA for shop/api) is granted sqs:ReceiveMessage, but the VPC has no interface endpoint com.amazonaws.us-east-1.sqs and no NAT route, so sqs.us-east-1.amazonaws.com is unreachable from the pods."],
    },
    {
      name: "every action granted",
      apply: (w) => w.set("api-data", "policy", JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] })),
      expect: ["api-role: Role 'api-role' (IRSA for shop/api) is granted every action (*), so no mesh configuration can declare the APIs it may call; grant named actions."],
    },
  ],
  "kubernetes-istio-namespace-sidecar-egress": [
    { name: "no Sidecar", apply: (w) => w.remove("shop-sidecar"), expect: ["shop-ns: Namespace 'shop-ns' (shop) has no Istio Sidecar limiting egress hosts."] },
    { name: "every host", apply: (w) => w.set("shop-sidecar", "spec.egress.0.hosts", ["*/*"]), expect: ["shop-sidecar: Sidecar 'shop-sidecar' allows egress to a wildcard host: */* selects every namespace."] },
    {
      name: "every namespace's copy of one provider",
      apply: (w) => w.set("shop-sidecar", "spec.egress.0.hosts", ["./*", "*/*.amazonaws.com"]),
      expect: ["shop-sidecar: Sidecar 'shop-sidecar' allows egress to a wildcard host: */*.amazonaws.com selects every namespace."],
    },
    {
      name: "a wildcard label in the own namespace",
      apply: (w) => w.set("shop-sidecar", "spec.egress.0.hosts", ["./*", "./*.com"]),
      expect: ["shop-sidecar: Sidecar 'shop-sidecar' allows egress to a wildcard host: ./*.com has a wildcard label and matches every host under it."],
    },
    {
      name: "a Sidecar outside the application namespaces",
      apply: (w) => w.add(resource(T.sidecar, "ingress-sidecar", { metadata: { name: "default", namespace: "istio-ingress" }, spec: { egress: [{ hosts: ["~/*", "*/*"] }] } })),
      expect: ["ingress-sidecar: Sidecar 'ingress-sidecar' allows egress to a wildcard host: */* selects every namespace."],
    },
  ],
  "kubernetes-istio-authorizationpolicy-default-deny": [
    { name: "no deny-all", apply: (w) => w.remove("shop-deny-all"), expect: ["shop-ns: Namespace 'shop-ns' (shop) has no default-deny AuthorizationPolicy."] },
  ],
  "kubernetes-istio-authorizationpolicy-positive-match": [
    {
      name: "notNamespaces in an ALLOW rule",
      apply: (w) => w.set("api-allow-callers", "spec.rules.0.from.0.source", { notNamespaces: ["kube-system"] }),
      expect: ["api-allow-callers: The ALLOW policy uses a negative match at rules[0].from[0].source.notNamespaces."],
    },
  ],
  "kubernetes-istio-gateway-no-wildcard-host": [
    { name: "wildcard host", apply: (w) => w.set("gateway", "spec.servers.0.hosts", ["*"]), expect: ["gateway: Server on port 443 serves a wildcard host: * matches every host."] },
    { name: "a wildcard subdomain", apply: (w) => w.set("gateway", "spec.servers.0.hosts", ["*.example.com"]), expect: ["gateway: Server on port 443 serves a wildcard host: *.example.com has a wildcard label and matches every host under it."] },
    { name: "every namespace's routes", apply: (w) => w.set("gateway", "spec.servers.1.hosts", ["*/api.example.com"]), expect: ["gateway: Server on port 80 serves a wildcard host: */api.example.com selects every namespace."] },
    { name: "every host of one namespace", apply: (w) => w.set("gateway", "spec.servers.0.hosts", ["shop/*"]), expect: ["gateway: Server on port 443 serves a wildcard host: shop/* matches every host."] },
  ],
  "kubernetes-istio-authorizationpolicy-allow-rules-scoped": [
    { name: "a rule that matches everything", apply: (w) => w.set("api-allow-callers", "spec.rules", [{}]), expect: ["api-allow-callers: rules[0] has no from, so it allows every source.", "api-allow-callers: rules[0] has no to, so it allows every operation."] },
    { name: "a rule without from", apply: (w) => w.set("api-allow-callers", "spec.rules.0.from", undefined), expect: ["api-allow-callers: rules[0] has no from, so it allows every source."] },
    { name: "a * principal", apply: (w) => w.set("api-allow-callers", "spec.rules.0.from.0.source.principals", ["*"]), expect: ["api-allow-callers: rules[0].from[0].source.principals allows * matches everyone."] },
    { name: "any issuer's JWT", apply: (w) => w.set("api-allow-callers", "spec.rules.0.from.0.source", { requestPrincipals: ["*"] }), expect: ["api-allow-callers: rules[0].from[0].source.requestPrincipals allows * matches everyone."] },
    { name: "the whole internet by IP", apply: (w) => w.set("api-allow-callers", "spec.rules.0.from.0.source", { ipBlocks: ["0.0.0.0/0"] }), expect: ["api-allow-callers: rules[0].from[0].source.ipBlocks allows 0.0.0.0/0 is every IPv4 address."] },
    { name: "an empty source", apply: (w) => w.set("api-allow-callers", "spec.rules.0.from.0.source", {}), expect: ["api-allow-callers: rules[0].from[0] names no principals, request principals, namespaces or IP blocks, so it matches every source."] },
    { name: "every path", apply: (w) => w.set("api-allow-callers", "spec.rules.0.to.0.operation.paths", ["*"]), expect: ["api-allow-callers: rules[0].to[0].operation.paths is *, which matches every operation."] },
    { name: "an empty operation", apply: (w) => w.set("api-allow-callers", "spec.rules.0.to.0.operation", {}), expect: ["api-allow-callers: rules[0].to[0] names no hosts, ports, methods or paths, so it matches every operation."] },
    {
      name: "an allow-all in istio-system",
      apply: (w) => w.add(resource(T.authorizationPolicy, "mesh-allow-all", { metadata: { name: "allow-all", namespace: "istio-system" }, spec: { action: "ALLOW", rules: [{}] } })),
      expect: ["mesh-allow-all: rules[0] has no from, so it allows every source.", "mesh-allow-all: rules[0] has no to, so it allows every operation."],
    },
  ],
  "kubernetes-networking-networkpolicy-no-world-cidr": [
    {
      name: "egress to the internet, IMDS excepted",
      apply: (w) => w.set("api-allow", "spec.egress.1", { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } }], ports: [{ port: 443 }] }),
      expect: ["api-allow: egress[1].to[0].ipBlock 0.0.0.0/0 (except 169.254.169.254/32) opens the rule to the world: 0.0.0.0/0 is every IPv4 address."],
    },
    {
      name: "ingress from every IPv6 address",
      apply: (w) => w.set("api-allow", "spec.ingress.0.from.1", { ipBlock: { cidr: "::/0" } }),
      expect: ["api-allow: ingress[0].from[1].ipBlock ::/0 opens the rule to the world: ::/0 is every IPv6 address."],
    },
    {
      name: "half the internet",
      apply: (w) => w.set("api-allow", "spec.egress.1", { to: [{ ipBlock: { cidr: "128.0.0.0/1" } }] }),
      expect: ["api-allow: egress[1].to[0].ipBlock 128.0.0.0/1 opens the rule to the world: 128.0.0.0/1 is shorter than /8 and so covers public address space."],
    },
  ],
  "kubernetes-istio-gateway-tls": [
    { name: "443 passthrough", apply: (w) => w.set("gateway", "spec.servers.0.tls.mode", "PASSTHROUGH"), expect: ["gateway: Server on port 443 has tls.mode PASSTHROUGH; it must terminate TLS."] },
    { name: "plain HTTP served", apply: (w) => w.set("gateway", "spec.servers.1.tls", undefined), expect: ["gateway: Plain-HTTP server on port 80 does not redirect to HTTPS."] },
  ],
  "kubernetes-istio-gateway-jwt-authentication": [
    { name: "no JWT rules", apply: (w) => w.set("gateway-jwt", "spec.jwtRules", []), expect: ["gateway: Gateway 'gateway' has no RequestAuthentication with JWT rules on its pods."] },
    { name: "JWT on other pods", apply: (w) => w.set("gateway-jwt", "spec.selector.matchLabels.istio", "egressgateway"), expect: ["gateway: Gateway 'gateway' has no RequestAuthentication with JWT rules on its pods."] },
  ],
  "kubernetes-istio-gateway-require-request-principal": [
    { name: "policy removed", apply: (w) => w.remove("gateway-require-jwt"), expect: ["gateway: Gateway 'gateway' has no AuthorizationPolicy requiring a request principal."] },
    {
      name: "DENY on a specific principal only",
      apply: (w) => w.set("gateway-require-jwt", "spec.rules.0.from.0.source.notRequestPrincipals", ["https://auth.example.com/admin"]),
      expect: ["gateway: Gateway 'gateway' has no AuthorizationPolicy requiring a request principal."],
    },
  ],
  "kubernetes-istio-gateway-rate-limit": [
    { name: "no rate limit filter", apply: (w) => w.remove("gateway-rate-limit"), expect: ["gateway: Gateway 'gateway' has no rate-limit EnvoyFilter on its pods."] },
  ],
};

/** Workload kinds share the pod checks; these add one of each kind to prove it. */
export const WORKLOAD_KIND_CASES = [
  { kind: T.statefulSet, name: "db-proxy" },
  { kind: "kubernetes:apps/v1:DaemonSet", name: "node-agent" },
  { kind: "kubernetes:batch/v1:Job", name: "migrate-once" },
] as const;
