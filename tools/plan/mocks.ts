import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";

/** The account every offline plan deploys into. */
export const MOCK_ACCOUNT = "123456789012";

type State = Record<string, unknown>;
/** Computes the outputs a real provider would return that the program reads back. */
type Computed = (name: string, inputs: State, ctx: { region: string; arn: string; id: string }) => State;

/**
 * Outputs that a provider computes and the program (or a reader of the plan) needs:
 * only what is read downstream, and always derived from the logical name so a
 * reference in another resource's inputs tells where it came from.
 */
export const COMPUTED: Record<string, Computed> = {
  "aws:kms/key:Key": (name) => ({ keyId: `${name}-key-id` }),
  "aws:ec2/eip:Eip": (name) => ({ allocationId: `${name}-alloc`, publicIp: "203.0.113.10" }),
  "aws:cloudwatch/logGroup:LogGroup": (name, inputs) => ({ name: inputs.name ?? name }),
  "aws:iam/role:Role": (name, inputs) => ({ name: inputs.name ?? name }),
  "aws:eks/cluster:Cluster": (name, inputs, { region }) => {
    const issuer = `https://oidc.eks.${region}.amazonaws.com/id/${name.toUpperCase()}`;
    return {
      name: inputs.name ?? name,
      endpoint: `https://${name}.gr7.${region}.eks.amazonaws.com`,
      certificateAuthority: { data: Buffer.from(`-----BEGIN CERTIFICATE-----\n${name}-ca\n-----END CERTIFICATE-----\n`).toString("base64") },
      identities: [{ oidcs: [{ issuer }] }],
      vpcConfig: { ...(inputs.vpcConfig as State), clusterSecurityGroupId: `sg-${name}-cluster` },
    };
  },
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": (_name, inputs, { arn }) => ({
    arn: arn.replace(/:openidconnectprovider\/.*/, `:oidc-provider/${String(inputs.url).replace(/^https:\/\//, "")}`),
    url: String(inputs.url).replace(/^https:\/\//, ""),
  }),
  "aws:ec2/launchTemplate:LaunchTemplate": () => ({ latestVersion: 1 }),
  // CloudWatch's TargetGroup dimension (the load balancer's is with its DNS name).
  "aws:lb/targetGroup:TargetGroup": (name) => ({ arnSuffix: `targetgroup/${name}/73e2d6bc24d8a067` }),
  "tls:index/privateKey:PrivateKey": (name) => ({
    privateKeyPem: `-----BEGIN PRIVATE KEY-----\n${name}\n-----END PRIVATE KEY-----\n`,
    publicKeyPem: `-----BEGIN PUBLIC KEY-----\n${name}\n-----END PUBLIC KEY-----\n`,
  }),
  "tls:index/selfSignedCert:SelfSignedCert": (name) => ({ certPem: `-----BEGIN CERTIFICATE-----\n${name}\n-----END CERTIFICATE-----\n` }),
  "tls:index/certRequest:CertRequest": (name) => ({ certRequestPem: `-----BEGIN CERTIFICATE REQUEST-----\n${name}\n-----END CERTIFICATE REQUEST-----\n` }),
  "tls:index/locallySignedCert:LocallySignedCert": (name) => ({ certPem: `-----BEGIN CERTIFICATE-----\n${name}\n-----END CERTIFICATE-----\n` }),
  // The data tier.
  "aws:rds/instance:Instance": (name, inputs, { region, arn }) => {
    const address = `${name}.abcdefghijkl.${region}.rds.amazonaws.com`;
    return {
      address,
      endpoint: `${address}:${inputs.port}`,
      resourceId: `db-${name.toUpperCase()}`,
      masterUserSecrets: [{ secretArn: arn.replace(/:rds:.*/, `:secretsmanager:${region}:${MOCK_ACCOUNT}:secret:rds!${name}-AbCdEf`), secretStatus: "active", kmsKeyId: inputs.masterUserSecretKmsKeyId }],
    };
  },
  "aws:rds/subnetGroup:SubnetGroup": (name, inputs) => ({ name: inputs.name ?? name }),
  "aws:rds/parameterGroup:ParameterGroup": (name, inputs) => ({ name: inputs.name ?? name }),
  "aws:elasticache/subnetGroup:SubnetGroup": (name, inputs) => ({ name: inputs.name ?? name }),
  "aws:elasticache/replicationGroup:ReplicationGroup": (name, _inputs, { region }) => ({
    primaryEndpointAddress: `master.${name}.abcdef.${region}.cache.amazonaws.com`,
    readerEndpointAddress: `replica.${name}.abcdef.${region}.cache.amazonaws.com`,
  }),
  "aws:msk/cluster:Cluster": (name, inputs, { region }) => ({
    arn: `arn:aws:kafka:${region}:${MOCK_ACCOUNT}:cluster/${inputs.clusterName ?? name}/${name}-uuid`,
    clusterName: inputs.clusterName ?? name,
    bootstrapBrokersSaslIam: [1, 2, 3].map((i) => `b-${i}.${name}.abc123.c2.kafka.${region}.amazonaws.com:9098`).join(","),
  }),
  "aws:msk/configuration:Configuration": () => ({ latestRevision: 1 }),
  "aws:s3/bucket:Bucket": (name, inputs) => ({ bucket: inputs.bucket ?? name, bucketRegionalDomainName: `${inputs.bucket ?? name}.s3.us-east-1.amazonaws.com` }),
  "aws:cloudfront/distribution:Distribution": (name) => ({ domainName: `${name}.cloudfront.net`, hostedZoneId: "Z2FDTNDATAQYW2" }),
  "aws:lb/loadBalancer:LoadBalancer": (name, _inputs, { region }) => ({ dnsName: `${name}-1234567890.${region}.elb.amazonaws.com`, zoneId: "Z35SXDOTRQ7X7K", arnSuffix: `app/${name}/50dc6c495c0c9188` }),
  "aws:acm/certificate:Certificate": (name, inputs) => ({
    domainValidationOptions: [
      { domainName: inputs.domainName, resourceRecordName: `_${name}.${String(inputs.domainName)}.`, resourceRecordType: "CNAME", resourceRecordValue: `_${name}.acm-validations.aws.` },
    ],
  }),
  "aws:acm/certificateValidation:CertificateValidation": (_name, inputs) => ({ certificateArn: inputs.certificateArn }),
  "aws:route53/record:Record": (_name, inputs) => ({ fqdn: String(inputs.name).replace(/\.$/, "") }),
  "aws:sqs/queue:Queue": (name, inputs, { region }) => ({ url: `https://sqs.${region}.amazonaws.com/${MOCK_ACCOUNT}/${inputs.name ?? name}` }),
  "aws:cloudwatch/eventBus:EventBus": (name, inputs, { region }) => ({
    name: inputs.name ?? name,
    arn: `arn:aws:events:${region}:${MOCK_ACCOUNT}:event-bus/${inputs.name ?? name}`,
  }),
  "aws:cloudwatch/eventRule:EventRule": (name, inputs, { region }) => ({
    name: inputs.name ?? name,
    arn: `arn:aws:events:${region}:${MOCK_ACCOUNT}:rule/${String(inputs.eventBusName ?? "default")}/${inputs.name ?? name}`,
  }),
  "aws:lambda/function:Function": (name, inputs) => ({ name: inputs.name ?? name }),
  "aws:redshiftserverless/namespace:Namespace": (name, _inputs, { region }) => ({
    adminPasswordSecretArn: `arn:aws:secretsmanager:${region}:${MOCK_ACCOUNT}:secret:redshift!${name}-AbCdEf`,
  }),
  "random:index/randomString:RandomString": (name) => ({ result: name.replace(/[^a-z0-9]/g, "").slice(-8).padStart(8, "0") }),
  "random:index/randomPassword:RandomPassword": (name) => ({ result: `${name}-not-a-real-token` }),
};

/**
 * What `tls.getCertificate` returns for an EKS OIDC issuer: the chain the server sends,
 * root first (as the provider lists it). The root's fingerprint is the one IAM documents
 * for EKS OIDC issuers (Starfield Services Root Certificate Authority - G2); the others
 * are stand-ins (the SHA-1 of the subject), so a test can tell which one was used.
 */
export function issuerChain(url: string): { subject: string; issuer: string; isCa: boolean; sha1Fingerprint: string; certPem: string }[] {
  const host = url.replace(/^https:\/\//, "").split("/")[0];
  const root = "CN=Starfield Services Root Certificate Authority - G2,O=Starfield Technologies\\, Inc.,L=Scottsdale,ST=Arizona,C=US";
  const amazonRoot = "CN=Amazon Root CA 1,O=Amazon,C=US";
  const intermediate = "CN=Amazon RSA 2048 M02,O=Amazon,C=US";
  const standIn = (subject: string) => createHash("sha1").update(subject).digest("hex");
  return [
    { subject: root, issuer: root, isCa: true, sha1Fingerprint: ROOT_CA_THUMBPRINT, certPem: "" },
    { subject: amazonRoot, issuer: root, isCa: true, sha1Fingerprint: standIn(amazonRoot), certPem: "" },
    { subject: intermediate, issuer: amazonRoot, isCa: true, sha1Fingerprint: standIn(intermediate), certPem: "" },
    { subject: `CN=${host}`, issuer: intermediate, isCa: false, sha1Fingerprint: standIn(`CN=${host}`), certPem: "" },
  ];
}

/** The SHA-1 of the root CA of EKS OIDC issuers' chains. */
export const ROOT_CA_THUMBPRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

/** Canned answers to the data-source calls the program makes. */
const INVOKES: Record<string, (inputs: State, region: string) => State> = {
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    accountId: MOCK_ACCOUNT,
    arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/offline-plan`,
    userId: "AIDAOFFLINEPLAN",
    id: MOCK_ACCOUNT,
  }),
  "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" }),
  "aws:index/getRegion:getRegion": (_inputs, region) => ({ name: region, region, id: region, endpoint: `ec2.${region}.amazonaws.com` }),
  "aws:ec2/getPrefixList:getPrefixList": (inputs) => ({ id: "pl-63a5400a", name: inputs.name, cidrBlocks: ["16.15.176.0/20"], prefixListId: "pl-63a5400a" }),
  "tls:index/getCertificate:getCertificate": (inputs) => ({
    url: inputs.url,
    id: String(inputs.url),
    certificates: issuerChain(String(inputs.url)),
  }),
  "aws:index/getAvailabilityZones:getAvailabilityZones": (_inputs, region) => ({
    names: ["a", "b", "c", "d", "e", "f"].map((l) => `${region}${l}`),
    zoneIds: [1, 2, 3, 4, 5, 6].map((n) => `use1-az${n}`),
    id: region,
  }),
};

/** `aws:kms/key:Key` → `kms` and `key`: the ARN's service and resource kind. */
export function arnParts(type: string): { service: string; kind: string } | undefined {
  const m = /^aws:([a-z0-9]+)\/([a-zA-Z0-9]+):/.exec(type);
  return m ? { service: m[1] === "index" ? "aws" : m[1].toLowerCase(), kind: m[2].toLowerCase() } : undefined;
}

/**
 * The offline plan's mocks: a deterministic `id` (and, for AWS, an `arn`) made from the
 * logical name, the inputs echoed back as outputs, and canned invokes. An invoke with no
 * canned answer fails loudly, naming the token.
 */
export class PlanMocks implements pulumi.runtime.Mocks {
  constructor(private readonly region: string) {}

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: State } {
    const id = args.type.startsWith("pulumi:providers:") ? `${args.name}-provider-id` : `${args.name}-id`;
    const parts = arnParts(args.type);
    const arn = parts ? `arn:aws:${parts.service}:${this.region}:${MOCK_ACCOUNT}:${parts.kind}/${args.name}` : "";
    const computed = COMPUTED[args.type]?.(args.name, args.inputs, { region: this.region, arn, id }) ?? {};
    return { id, state: { ...args.inputs, ...(parts ? { arn } : {}), ...computed } };
  }

  call(args: pulumi.runtime.MockCallArgs): State {
    const answer = INVOKES[args.token];
    if (!answer) throw new Error(`the offline plan has no mock for invoke ${args.token}; add one to tools/plan/mocks.ts`);
    return answer(args.inputs, this.region);
  }
}
