import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PodSecurityGroupMode } from "../cluster/podSecurityGroups";
import { ClusterOidc, irsaTrustPolicy } from "../shared/iam";
import { AwsIdentity } from "../shared/identity";

export interface ServiceIdentityArgs extends ClusterOidc {
  /** The service's namespace. */
  readonly namespace: string;
  /** The service account the pods run as. */
  readonly serviceAccount: string;
  /** `perService` creates the pods' own security group; `node` hands out the nodes' group. */
  readonly podSecurityGroups: PodSecurityGroupMode;
  /** The VPC (for the pod security group). */
  readonly vpcId: pulumi.Input<string>;
  /** The VPC CIDR: what the pod security group talks to. */
  readonly vpcCidr: string;
  /** The nodes' security group (the EKS cluster security group). */
  readonly nodeSecurityGroupId: pulumi.Input<string>;
  /**
   * Secrets Manager secret names (from the settings) the role may read.
   * @default - none; the data tier grants its own secrets through {@link ServiceIdentity.roleName}.
   */
  readonly secretNames?: readonly string[];
  /** The account, partition and region. */
  readonly identity: AwsIdentity;
  /** The prefix of `Name` tags. */
  readonly namePrefix: string;
}

/** The ARN pattern of a secret by name: Secrets Manager appends `-` and six characters. */
function secretArnPattern(id: AwsIdentity, secretName: string): pulumi.Output<string> {
  return pulumi.interpolate`arn:${id.partition}:secretsmanager:${id.region}:${id.accountId}:secret:${secretName}-??????`;
}

/**
 * A service's AWS identity, created before the data tier so it can grant to it:
 *
 * - an IAM role only `system:serviceaccount:<ns>:<sa>` can assume (IRSA); the data tier
 *   attaches its least-privilege policy to {@link roleName} (as a managed policy and an
 *   attachment, like the one here: no inline policies on this role);
 * - the security group the data tier admits ({@link securityGroupId}): the pods' own
 *   group in `perService` mode, the nodes' group in `node` mode.
 */
export class ServiceIdentity extends pulumi.ComponentResource {
  public readonly roleArn: pulumi.Output<string>;
  public readonly roleName: pulumi.Output<string>;
  /** The group the data tier admits for this service. */
  public readonly securityGroupId: pulumi.Output<string>;
  /** The pods' own group, only in `perService` mode (the pod binds it by a SecurityGroupPolicy). */
  public readonly podSecurityGroupId?: pulumi.Output<string>;
  public readonly namespace: string;
  public readonly serviceAccountName: string;

  constructor(name: string, args: ServiceIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:microservice:ServiceIdentity", name, {}, opts);
    const child = { parent: this };
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description: `IRSA for ${args.namespace}/${args.serviceAccount} only.`,
        assumeRolePolicy: irsaTrustPolicy({
          oidcProviderArn: args.oidcProviderArn,
          issuerHost: args.oidcIssuerHost,
          namespace: args.namespace,
          serviceAccount: args.serviceAccount,
        }),
        maxSessionDuration: 3600,
      },
      child,
    );
    const secretNames = args.secretNames ?? [];
    if (secretNames.length > 0) {
      const policy = new aws.iam.Policy(
        `${name}-secrets`,
        {
          description: `Read the secrets ${args.namespace} declares.`,
          policy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "ReadDeclaredSecrets",
                Effect: "Allow",
                Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                Resource: secretNames.map((s) => secretArnPattern(args.identity, s)),
              },
            ],
          }),
        },
        child,
      );
      new aws.iam.RolePolicyAttachment(`${name}-secrets`, { role: role.name, policyArn: policy.arn }, child);
    }

    if (args.podSecurityGroups === "perService") {
      const sg = new aws.ec2.SecurityGroup(
        `${name}-pod-sg`,
        { vpcId: args.vpcId, description: `Pods of ${args.namespace} (security groups for pods).`, tags: { Name: `${args.namePrefix}-${args.namespace}-pods` } },
        child,
      );
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-pod-from-vpc`,
        { securityGroupId: sg.id, cidrIpv4: args.vpcCidr, ipProtocol: "tcp", fromPort: 0, toPort: 65535, description: "From the VPC: mesh peers, the gateway and kubelet probes (NetworkPolicies and AuthorizationPolicies narrow it)." },
        child,
      );
      new aws.vpc.SecurityGroupEgressRule(
        `${name}-pod-to-vpc`,
        { securityGroupId: sg.id, cidrIpv4: args.vpcCidr, ipProtocol: "-1", description: "To the VPC: DNS, istiod, peers, the data tier and the AWS endpoints." },
        child,
      );
      new aws.vpc.SecurityGroupEgressRule(
        `${name}-pod-to-https`,
        { securityGroupId: sg.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "HTTPS out through NAT, to the ServiceEntry hosts the mesh admits." },
        child,
      );
      this.podSecurityGroupId = sg.id;
      this.securityGroupId = sg.id;
    } else {
      this.securityGroupId = pulumi.output(args.nodeSecurityGroupId);
    }

    this.roleArn = role.arn;
    this.roleName = role.name;
    this.namespace = args.namespace;
    this.serviceAccountName = args.serviceAccount;
    this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName, securityGroupId: this.securityGroupId });
  }
}
