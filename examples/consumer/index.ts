import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PlatformReference } from "./platform";

/**
 * A reporting job's footprint on the platform: a security group for its workers in the
 * platform's VPC (HTTPS to the VPC only, i.e. to the interface endpoints and the mesh
 * gateway), and the endpoints it needs as a ConfigMap in one service's namespace.
 */
export default async () => {
  const config = new pulumi.Config("consumer");
  /** The platform stack to read, e.g. `acme/platform/dev`. @default - `<org>/platform/<this stack's name>` */
  const platformStack = config.get("platformStack") ?? `${pulumi.getOrganization()}/platform/${pulumi.getStack()}`;
  /** The service whose namespace receives the ConfigMap. @default - `order` */
  const serviceName = config.get("service") ?? "order";

  const platform = await PlatformReference.connect(platformStack);
  const network = platform.output("network");
  const cluster = platform.output("cluster");
  const data = platform.output("data");

  const services = await platform.value("services");
  const service = services[serviceName];
  if (!service) {
    throw new pulumi.RunError(`platform stack ${platformStack} has no service '${serviceName}'; it has: ${Object.keys(services).sort().join(", ")}`);
  }

  const awsProvider = new aws.Provider("aws", { region: platform.output("region") as pulumi.Output<aws.Region> });
  const workers = new aws.ec2.SecurityGroup(
    "reporting-workers",
    {
      description: "Reporting workers: HTTPS to the platform VPC only",
      vpcId: network.vpcId,
      egress: [{ description: "HTTPS to the VPC (endpoints, mesh gateway)", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [network.vpcCidr] }],
      tags: { Name: pulumi.interpolate`reporting-${platform.output("environment")}-workers` },
    },
    { provider: awsProvider },
  );

  // `kubeconfig` is a secret output of the platform; it stays one here.
  const k8sProvider = new k8s.Provider("k8s", { kubeconfig: cluster.kubeconfig, enableServerSideApply: true });
  const endpoints = new k8s.core.v1.ConfigMap(
    "reporting-endpoints",
    {
      metadata: { name: "reporting-endpoints", namespace: service.namespace, labels: { "app.kubernetes.io/part-of": "reporting" } },
      data: {
        SERVICE_URL: pulumi.interpolate`http://${service.host}:${service.port}`,
        EVENT_BUS_ARN: data.eventBusArn,
      },
    },
    { provider: k8sProvider },
  );

  return {
    workersSecurityGroupId: workers.id,
    applicationSubnetIds: network.subnetIds.application,
    endpointsConfigMap: pulumi.interpolate`${endpoints.metadata.namespace}/${endpoints.metadata.name}`,
  };
};
