import type * as pulumi from "@pulumi/pulumi";
import type { ServiceDataOutputs } from "../components/data/bindings";
import type { DataKeyArns } from "../components/data/DataTier";

/**
 * The version of the stack outputs contract. Bump it when a key is removed or changes
 * type; consumers read it through `StackReference` before anything else.
 */
export const OUTPUTS_VERSION = 1;

/** Per tier, in AZ order. */
export interface TierIds {
  readonly public: pulumi.Output<string>[];
  readonly application: pulumi.Output<string>[];
  readonly data: pulumi.Output<string>[];
}

/** The network, as other tiers and other teams see it. */
export interface NetworkOutputs {
  readonly vpcId: pulumi.Output<string>;
  readonly vpcCidr: string;
  readonly availabilityZones: readonly string[];
  readonly subnetIds: TierIds;
  readonly subnetCidrs: { readonly public: string[]; readonly application: string[]; readonly data: string[] };
  readonly routeTableIds: TierIds;
  readonly natGatewayIds: pulumi.Output<string>[];
  readonly endpointSecurityGroupId: pulumi.Output<string>;
  readonly flowLogGroupName: pulumi.Output<string>;
}

/** The EKS cluster, as other teams see it. */
export interface ClusterOutputs {
  readonly name: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  /** The IAM OIDC provider, for IRSA trust policies. */
  readonly oidcProviderArn: pulumi.Output<string>;
  readonly oidcIssuerUrl: pulumi.Output<string>;
  /** Exec auth through `aws eks get-token`; a secret. */
  readonly kubeconfig: pulumi.Output<string>;
  /** The EKS cluster security group the nodes carry. */
  readonly nodeSecurityGroupId: pulumi.Output<string>;
}

/** The mesh's ingress gateway (the edge's target). */
export interface MeshOutputs {
  readonly gatewayNamespace: string;
  /** The gateway's ClusterIP Service. */
  readonly gatewayService: string;
  readonly ingressHosts: readonly string[];
}

/** One microservice. */
export interface ServiceOutputs {
  readonly namespace: string;
  readonly serviceAccount: string;
  /** `<svc>.<ns>.svc.cluster.local`. */
  readonly host: string;
  readonly port: number;
  /** The IRSA role. */
  readonly roleArn: pulumi.Output<string>;
  /** The security group the data tier admits for it. */
  readonly securityGroupId: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  /** What the data tier made for it. */
  readonly data: ServiceDataOutputs;
}

/** The shared data and messaging services. */
export interface DataOutputs {
  /** The Redis primary endpoint address (TLS, AUTH). */
  readonly redisEndpoint: pulumi.Output<string>;
  /** Kafka bootstrap brokers for SASL/IAM over TLS. */
  readonly kafkaBootstrapBrokers: pulumi.Output<string>;
  /** The EventBridge bus between services. */
  readonly eventBusArn: pulumi.Output<string>;
  /** The analytics data-lake bucket. */
  readonly dataLakeBucket: pulumi.Output<string>;
  /** The Redshift Serverless workgroup's name. */
  readonly redshiftWorkgroup: pulumi.Output<string>;
  /** The shared-configuration EFS file system. */
  readonly efsFileSystemId: pulumi.Output<string>;
  /** The S3 server-access-log bucket. */
  readonly accessLogBucket: pulumi.Output<string>;
}

/** The public edge: the API's load balancer and name, and the catalog CDN. */
export interface EdgeOutputs {
  /** The internet-facing ALB's DNS name (what `api.<domain>` aliases). */
  readonly albDnsName: pulumi.Output<string>;
  /** `https://api.<domain>`. */
  readonly apiUrl: string;
  /** The ALB's REGIONAL WAFv2 web ACL. */
  readonly webAclArn: pulumi.Output<string>;
  /** The catalog CDN's public name (`cdn.<domain>`, or its cloudfront.net name), when a service has a catalog bucket. */
  readonly cdnDomain?: pulumi.Output<string>;
}

/** Prometheus's and Grafana's in-cluster URLs (Grafana's admin password stays in its Kubernetes Secret). */
export interface ObservabilityOutputs {
  /** `http://monitoring-prometheus.observability.svc.cluster.local:9090`. */
  readonly prometheusUrl: string;
  /** `http://grafana.observability.svc.cluster.local:80`. */
  readonly grafanaUrl: string;
}

/** Every stack output: the typed, versioned contract other teams build on. */
export interface StackOutputs {
  readonly outputsVersion: number;
  readonly environment: string;
  readonly region: string;
  readonly network: NetworkOutputs;
  readonly cluster: ClusterOutputs;
  readonly mesh: MeshOutputs;
  /** Per service, by name. */
  readonly services: Readonly<Record<string, ServiceOutputs>>;
  /** The shared data and messaging services. */
  readonly data: DataOutputs;
  /** The public edge. */
  readonly edge: EdgeOutputs;
  /** The KMS-encrypted SNS topic every CloudWatch alarm of the stack notifies: subscribe on-call to it. */
  readonly alarmTopicArn: pulumi.Output<string>;
  /** The in-cluster metrics stack, reached from inside the cluster (or `kubectl port-forward`); no credentials. */
  readonly observability: ObservabilityOutputs;
  /** Every KMS key of the stack but the services' own (`services.<name>.data`) and the account baseline's. */
  readonly kmsKeyArns: DataKeyArns & {
    readonly flowLogs: pulumi.Output<string>;
    /** EKS secrets envelope encryption. */
    readonly eksSecrets: pulumi.Output<string>;
    /** EKS node volumes. */
    readonly eksVolumes: pulumi.Output<string>;
    /** The EKS control-plane and microservice log groups. */
    readonly logs: pulumi.Output<string>;
    /** The alarm topic. */
    readonly alarms: pulumi.Output<string>;
    /** The edge WAF's log group. */
    readonly edgeWafLogs: pulumi.Output<string>;
    /** The CloudFront WAF and access logs (a us-east-1 key). */
    readonly cdnLogs: pulumi.Output<string>;
  };
}
