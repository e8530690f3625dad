import { World, arn, id, resource } from "../fixtures";

/** The fixtures' type tokens, for mutations that add resources. */
export const K8S_TYPES = {
  namespace: "kubernetes:core/v1:Namespace",
  deployment: "kubernetes:apps/v1:Deployment",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
  cronJob: "kubernetes:batch/v1:CronJob",
  pod: "kubernetes:core/v1:Pod",
  service: "kubernetes:core/v1:Service",
  configMap: "kubernetes:core/v1:ConfigMap",
  hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  netpol: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  release: "kubernetes:helm.sh/v3:Release",
  peerAuthentication: "kubernetes:security.istio.io/v1:PeerAuthentication",
  authorizationPolicy: "kubernetes:security.istio.io/v1:AuthorizationPolicy",
  requestAuthentication: "kubernetes:security.istio.io/v1:RequestAuthentication",
  destinationRule: "kubernetes:networking.istio.io/v1:DestinationRule",
  gateway: "kubernetes:networking.istio.io/v1:Gateway",
  sidecar: "kubernetes:networking.istio.io/v1:Sidecar",
  serviceEntry: "kubernetes:networking.istio.io/v1:ServiceEntry",
  envoyFilter: "kubernetes:networking.istio.io/v1alpha3:EnvoyFilter",
  awsRole: "aws:iam/role:Role",
  awsPolicy: "aws:iam/policy:Policy",
  awsAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  awsEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
} as const;
const T = K8S_TYPES;

/** A container that passes every Pod Security, resource, probe and image check. */
function container(name: string): Record<string, unknown> {
  return {
    name,
    image: "registry.example.com/shop/api:1.4.2",
    ports: [{ containerPort: 8080 }],
    env: [{ name: "LOG_LEVEL", value: "info" }, { name: "DB_PASSWORD_FILE", value: "/secrets/db/password" }],
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    readinessProbe: { httpGet: { path: "/ready", port: 8080 } },
    livenessProbe: { httpGet: { path: "/live", port: 8080 } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
  };
}

/** A compliant pod template with the given labels. */
export function podTemplate(labels: Record<string, string>): Record<string, unknown> {
  return {
    metadata: { labels },
    spec: {
      serviceAccountName: "api",
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: "RuntimeDefault" } },
      containers: [container("api")],
      initContainers: [{ ...container("migrate"), readinessProbe: undefined, livenessProbe: undefined }],
      volumes: [{ name: "tmp", emptyDir: {} }, { name: "secrets", csi: { driver: "secrets-store.csi.k8s.io" } }],
      topologySpreadConstraints: [{ topologyKey: "topology.kubernetes.io/zone", maxSkew: 1, whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: labels } }],
    },
  };
}

const GATEWAY_LABELS = { istio: "ingressgateway" };

/**
 * A small cluster that complies with every Kubernetes and Istio policy: Istio installed
 * with a STRICT mesh and REGISTRY_ONLY egress, an ingress gateway with JWT, request
 * principals and rate limiting, and one application namespace with a Deployment and
 * everything around it.
 */
export function kubernetesWorld(): World {
  const labels = { app: "api" };
  return new World([
    resource(T.namespace, "istio-system-ns", { metadata: { name: "istio-system" } }),
    resource(T.namespace, "istio-ingress-ns", { metadata: { name: "istio-ingress", labels: { "istio-injection": "enabled" } } }),
    resource(T.namespace, "shop-ns", { metadata: { name: "shop", labels: { "istio-injection": "enabled", "pod-security.kubernetes.io/enforce": "restricted" } } }),
    resource(T.release, "istiod", { chart: "istiod", version: "1.31.0", repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" }, namespace: "istio-system", values: { meshConfig: { outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } } } }),
    resource(T.peerAuthentication, "mesh-mtls", { metadata: { name: "default", namespace: "istio-system" }, spec: { mtls: { mode: "STRICT" } } }),
    resource(T.gateway, "gateway", {
      metadata: { name: "ingress", namespace: "istio-ingress" },
      spec: {
        selector: GATEWAY_LABELS,
        servers: [
          { port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: ["api.example.com"], tls: { mode: "SIMPLE", credentialName: "api-tls" } },
          { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["api.example.com"], tls: { httpsRedirect: true } },
        ],
      },
    }),
    resource(T.service, "gateway-svc", { metadata: { name: "istio-ingressgateway", namespace: "istio-ingress" }, spec: { type: "LoadBalancer", selector: GATEWAY_LABELS } }),
    resource(T.requestAuthentication, "gateway-jwt", {
      metadata: { name: "jwt", namespace: "istio-ingress" },
      spec: { selector: { matchLabels: GATEWAY_LABELS }, jwtRules: [{ issuer: "https://auth.example.com", jwksUri: "https://auth.example.com/.well-known/jwks.json" }] },
    }),
    resource(T.authorizationPolicy, "gateway-require-jwt", {
      metadata: { name: "require-jwt", namespace: "istio-ingress" },
      spec: { selector: { matchLabels: GATEWAY_LABELS }, action: "DENY", rules: [{ from: [{ source: { notRequestPrincipals: ["*"] } }], to: [{ operation: { paths: ["/users/*", "/orders/*"] } }] }] },
    }),
    resource(T.envoyFilter, "gateway-rate-limit", {
      metadata: { name: "rate-limit", namespace: "istio-ingress" },
      spec: {
        workloadSelector: { labels: GATEWAY_LABELS },
        configPatches: [{ applyTo: "HTTP_FILTER", patch: { operation: "INSERT_BEFORE", value: { name: "envoy.filters.http.local_ratelimit", typed_config: { token_bucket: { max_tokens: 200, tokens_per_fill: 100, fill_interval: "1s" } } } } }],
      },
    }),
    resource(T.deployment, "api", {
      metadata: { name: "api", namespace: "shop" },
      spec: { selector: { matchLabels: labels }, template: podTemplate(labels) },
    }),
    resource(T.cronJob, "report", {
      metadata: { name: "report", namespace: "shop" },
      spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template: podTemplate({ app: "report" }) } } },
    }),
    resource(T.service, "api-svc", { metadata: { name: "api", namespace: "shop" }, spec: { type: "ClusterIP", selector: labels, ports: [{ port: 80, targetPort: 8080 }] } }),
    resource(T.hpa, "api-hpa", { metadata: { name: "api", namespace: "shop" }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "api" }, minReplicas: 2, maxReplicas: 6 } }),
    resource(T.pdb, "api-pdb", { metadata: { name: "api", namespace: "shop" }, spec: { minAvailable: 1, selector: { matchLabels: labels } } }),
    resource(T.netpol, "shop-default-deny", { metadata: { name: "default-deny", namespace: "shop" }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } }),
    resource(T.netpol, "api-allow", {
      metadata: { name: "api-allow", namespace: "shop" },
      spec: {
        podSelector: { matchLabels: labels },
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-ingress" } } }], ports: [{ port: 8080 }] }],
        egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 53, protocol: "UDP" }] }],
      },
    }),
    resource(T.sidecar, "shop-sidecar", { metadata: { name: "default", namespace: "shop" }, spec: { egress: [{ hosts: ["./*", "istio-system/*"] }] } }),
    resource(T.authorizationPolicy, "shop-deny-all", { metadata: { name: "deny-all", namespace: "shop" }, spec: {} }),
    resource(T.authorizationPolicy, "api-allow-callers", {
      metadata: { name: "allow-callers", namespace: "shop" },
      spec: { selector: { matchLabels: labels }, action: "ALLOW", rules: [{ from: [{ source: { principals: ["cluster.local/ns/istio-ingress/sa/istio-ingressgateway"] } }], to: [{ operation: { ports: ["8080"] } }] }] },
    }),
    resource(T.destinationRule, "api-dr", { metadata: { name: "api", namespace: "shop" }, spec: { host: "api.shop.svc.cluster.local", trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } } } }),
    // The service's IRSA role and the AWS APIs it is granted, each declared to the mesh and routed privately.
    resource("pulumi:providers:aws", "aws", { region: "us-east-1" }),
    resource(T.awsRole, "api-role", {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE" },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub": "system:serviceaccount:shop:api" } },
          },
        ],
      }),
    }),
    resource(T.awsPolicy, "api-data", {
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "ConnectAsItsDatabaseUser", Effect: "Allow", Action: "rds-db:connect", Resource: "arn:aws:rds-db:us-east-1:123456789012:dbuser:db-ABCDEFGHIJKL/api_app" },
          { Sid: "UseItsKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "arn:aws:kms:us-east-1:123456789012:key/api" },
          { Sid: "ConsumeItsQueue", Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage"], Resource: "arn:aws:sqs:us-east-1:123456789012:api-events" },
        ],
      }),
    }),
    resource(T.awsAttachment, "api-data-attach", { role: id("api-role"), policyArn: arn(T.awsPolicy, "api-data") }),
    ...["sts", "kms", "sqs"].map((service) =>
      resource(T.awsEndpoint, `endpoint-${service}`, { serviceName: `com.amazonaws.us-east-1.${service}`, vpcEndpointType: "Interface", privateDnsEnabled: true }),
    ),
    resource(T.serviceEntry, "shop-aws-apis", {
      metadata: { name: "aws-apis", namespace: "shop" },
      spec: { hosts: ["sts.us-east-1.amazonaws.com", "kms.us-east-1.amazonaws.com"], exportTo: ["."], location: "MESH_EXTERNAL", resolution: "DNS", ports: [{ number: 443, name: "tls", protocol: "TLS" }] },
    }),
    resource(T.serviceEntry, "shop-sqs", {
      metadata: { name: "sqs", namespace: "shop" },
      spec: { hosts: ["sqs.us-east-1.amazonaws.com"], exportTo: ["."], location: "MESH_EXTERNAL", resolution: "DNS", ports: [{ number: 443, name: "tls", protocol: "TLS" }] },
    }),
    resource(T.serviceEntry, "shop-db", {
      metadata: { name: "db", namespace: "shop" },
      spec: { hosts: ["api.abcdefghijkl.us-east-1.rds.amazonaws.com"], exportTo: ["."], location: "MESH_EXTERNAL", resolution: "DNS", ports: [{ number: 5432, name: "tcp-5432", protocol: "TCP" }] },
    }),
    resource(T.serviceEntry, "stripe", { metadata: { name: "stripe", namespace: "shop" }, spec: { hosts: ["api.stripe.com"], exportTo: ["."], location: "MESH_EXTERNAL", resolution: "DNS", ports: [{ number: 443, name: "tls", protocol: "TLS" }] } }),
  ]);
}
