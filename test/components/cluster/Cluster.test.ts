import { describe, expect, it } from "vitest";
import { rootCaThumbprint } from "../../../components/cluster/iam";
import { EKS_VERSIONS } from "../../../components/cluster/versions";
import { ROOT_CA_THUMBPRINT, issuerChain } from "../../../tools/plan/mocks";
import type { PlanResource } from "../../../tools/plan/types";
import { loadPlan, ofType, single, STACKS } from "../../support/plans";
import { at, kubernetesObjects } from "../../support/resources";

describe("rootCaThumbprint", () => {
  const chain = issuerChain("https://oidc.eks.us-east-1.amazonaws.com/id/ABC");
  const [root, amazonRoot, intermediate, leaf] = chain;

  it("takes the self-signed root CA, whatever the order of the list", () => {
    expect(rootCaThumbprint(chain)).toBe(ROOT_CA_THUMBPRINT);
    expect(rootCaThumbprint([...chain].reverse())).toBe(ROOT_CA_THUMBPRINT);
    expect(leaf).toMatchObject({ isCa: false, subject: "CN=oidc.eks.us-east-1.amazonaws.com" });
  });

  it("takes the top CA of the chain when the server does not send the self-signed root", () => {
    expect(rootCaThumbprint([leaf, intermediate, amazonRoot])).toBe(amazonRoot.sha1Fingerprint);
    expect(rootCaThumbprint([intermediate, leaf])).toBe(intermediate.sha1Fingerprint);
  });

  it("normalises the fingerprint to lower case and refuses a chain with no CA", () => {
    expect(rootCaThumbprint([{ ...root, sha1Fingerprint: ROOT_CA_THUMBPRINT.toUpperCase() }])).toBe(ROOT_CA_THUMBPRINT);
    expect(() => rootCaThumbprint([leaf])).toThrow("the OIDC issuer's chain has no CA certificate (subjects: CN=oidc.eks.us-east-1.amazonaws.com)");
  });
});

describe.each(STACKS)("cluster (%s)", (stack) => {
  const doc = loadPlan(stack);
  const eks = single(doc, "aws:eks/cluster:Cluster", "cluster-eks");
  const appSubnets = ofType(doc, "aws:ec2/subnet:Subnet").filter((s) => s.name.startsWith("network-application-")).map((s) => `${s.name}-id`).sort();

  it("is one EKS cluster named after the stack, on a supported version", () => {
    expect(ofType(doc, "aws:eks/cluster:Cluster")).toHaveLength(1);
    expect(eks.inputs.name).toBe(`platform-${stack}`);
    expect(Object.keys(EKS_VERSIONS)).toContain(eks.inputs.version);
    expect(eks.inputs.version).toBe("1.35");
  });

  it("sits in the application subnets with a private endpoint; public off in prod, restricted in dev", () => {
    const vpc = at(eks, "vpcConfig") as Record<string, unknown>;
    expect([...(vpc.subnetIds as string[])].sort()).toEqual(appSubnets);
    expect(vpc.endpointPrivateAccess).toBe(true);
    if (stack === "prod") {
      expect(vpc.endpointPublicAccess).toBe(false);
      expect(vpc.publicAccessCidrs).toBeUndefined();
    } else {
      expect(vpc.endpointPublicAccess).toBe(true);
      expect(vpc.publicAccessCidrs).toEqual(["198.51.100.0/24"]);
    }
  });

  it("encrypts secrets with its own key and logs all five types to an encrypted group with stack retention", () => {
    expect(at(eks, "encryptionConfig")).toEqual({ resources: ["secrets"], provider: { keyArn: "arn:aws:kms:us-east-1:123456789012:key/cluster-secrets-key" } });
    expect(eks.inputs.enabledClusterLogTypes).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
    const group = single(doc, "aws:cloudwatch/logGroup:LogGroup", "cluster-logs");
    expect(group.inputs).toMatchObject({
      name: `/aws/eks/platform-${stack}/cluster`,
      retentionInDays: stack === "prod" ? 365 : 30,
      kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/cluster-logs-key",
    });
    expect(eks.options.dependsOn).toContain(group.urn);
    for (const key of ["cluster-secrets-key", "cluster-volumes-key", "cluster-logs-key"]) {
      const k = single(doc, "aws:kms/key:Key", key);
      expect(k.inputs.enableKeyRotation).toBe(true);
      expect(k.options.protect).toBe(stack === "prod");
      expect(String(k.inputs.policy)).not.toMatch(/"AWS":"\*"|"Principal":"\*"/);
    }
  });

  it("uses API access entries, the service CIDR and an admin policy only for a configured role", () => {
    expect(at(eks, "accessConfig")).toEqual({ authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true });
    expect(at(eks, "kubernetesNetworkConfig")).toEqual({ serviceIpv4Cidr: "172.20.0.0/16", ipFamily: "ipv4" });
    expect(ofType(doc, "aws:eks/accessEntry:AccessEntry")).toHaveLength(0);
    const role = single(doc, "aws:iam/role:Role", "cluster-role");
    expect(JSON.parse(String(role.inputs.assumeRolePolicy)).Statement[0].Principal).toEqual({ Service: "eks.amazonaws.com" });
  });

  it("has an OIDC provider for IRSA with the STS audience and the issuer's root thumbprint", () => {
    const oidc = single(doc, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "cluster-oidc");
    expect(oidc.inputs).toMatchObject({
      url: "https://oidc.eks.us-east-1.amazonaws.com/id/CLUSTER-EKS",
      clientIdLists: ["sts.amazonaws.com"],
      thumbprintLists: ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"],
    });
    // The mock serves a realistic chain, root first: the leaf's fingerprint must not be used.
    const chain = issuerChain(String(oidc.inputs.url));
    expect(chain[0].sha1Fingerprint).toBe(ROOT_CA_THUMBPRINT);
    expect(oidc.inputs.thumbprintLists).not.toContain(chain[chain.length - 1].sha1Fingerprint);
  });

  it("runs one managed node group in the application subnets only, 3..6, sized per stack, via a hardened launch template", () => {
    const groups = ofType(doc, "aws:eks/nodeGroup:NodeGroup");
    expect(groups).toHaveLength(1);
    const ng = groups[0];
    expect([...(ng.inputs.subnetIds as string[])].sort()).toEqual(appSubnets);
    // Sized by the capacity policy since the metrics stack and Container Insights joined: dev 5 small nodes, prod 3 larger ones.
    expect(ng.inputs.scalingConfig).toEqual(stack === "prod" ? { minSize: 3, maxSize: 6, desiredSize: 3 } : { minSize: 5, maxSize: 6, desiredSize: 5 });
    expect(ng.options.ignoreChanges).toEqual(["scalingConfig.desiredSize"]);
    expect(ng.inputs.instanceTypes).toEqual([stack === "prod" ? "t3.xlarge" : "t3.medium"]);
    expect(ng.inputs.remoteAccess).toBeUndefined();
    const lt = single(doc, "aws:ec2/launchTemplate:LaunchTemplate", "cluster-nodes-lt");
    expect(at(lt, "metadataOptions")).toMatchObject({ httpTokens: "required", httpPutResponseHopLimit: 1 });
    expect((lt.inputs.blockDeviceMappings as { ebs: unknown }[])[0].ebs).toMatchObject({
      volumeType: "gp3",
      encrypted: "true",
      kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/cluster-volumes-key",
    });
    expect((lt.inputs.networkInterfaces as { associatePublicIpAddress: string }[])[0].associatePublicIpAddress).toBe("false");
    const nodePolicies = ofType(doc, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
      .filter((a) => a.name.startsWith("cluster-nodes-"))
      .map((a) => String(a.inputs.policyArn));
    expect(nodePolicies.sort()).toEqual([
      "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
      "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    ]);
  });

  it("pins the five EKS add-ons, with IRSA roles for the CNI and the EBS CSI driver and NetworkPolicy enforcement on", () => {
    const addons: Record<string, PlanResource> = Object.fromEntries(
      ofType(doc, "aws:eks/addon:Addon").filter((a) => a.name.startsWith("cluster-")).map((a) => [String(a.inputs.addonName), a]),
    );
    expect(Object.keys(addons).sort()).toEqual(["amazon-cloudwatch-observability", "aws-ebs-csi-driver", "coredns", "kube-proxy", "vpc-cni"]);
    for (const [name, a] of Object.entries(addons)) expect(a.inputs.addonVersion).toBe(EKS_VERSIONS["1.35"][name as keyof (typeof EKS_VERSIONS)["1.35"]]);
    expect(JSON.parse(String(addons["vpc-cni"].inputs.configurationValues))).toEqual({ enableNetworkPolicy: "true" });
    expect(addons["vpc-cni"].inputs.serviceAccountRoleArn).toMatch(/cluster-vpc-cni-irsa$/);
    expect(addons["aws-ebs-csi-driver"].inputs.serviceAccountRoleArn).toMatch(/cluster-ebs-csi-irsa$/);
    const trust = JSON.parse(String(single(doc, "aws:iam/role:Role", "cluster-ebs-csi-irsa").inputs.assumeRolePolicy)).Statement[0];
    expect(trust.Condition.StringEquals).toEqual({
      "oidc.eks.us-east-1.amazonaws.com/id/CLUSTER-EKS:sub": "system:serviceaccount:kube-system:ebs-csi-controller-sa",
      "oidc.eks.us-east-1.amazonaws.com/id/CLUSTER-EKS:aud": "sts.amazonaws.com",
    });
  });

  it("builds one Kubernetes provider with exec auth, and every Kubernetes resource uses it", () => {
    const providers = ofType(doc, "pulumi:providers:kubernetes");
    expect(providers).toHaveLength(1);
    expect(providers[0].inputs.kubeconfig).toBe("[secret]");
    const objects = doc.resources.filter((r) => r.type.startsWith("kubernetes:"));
    expect(objects.length).toBeGreaterThan(50);
    for (const r of objects) expect(r.provider, r.urn).toBe(providers[0].urn);
    expect(kubernetesObjects(doc).length).toBe(objects.length - ofType(doc, "kubernetes:helm.sh/v3:Release").length);
  });

  it("installs metrics-server and the Secrets Store CSI driver with its AWS provider, pinned, in kube-system", () => {
    const releases: Record<string, Record<string, unknown>> = Object.fromEntries(
      ofType(doc, "kubernetes:helm.sh/v3:Release").map((r) => [String(r.inputs.name), r.inputs]),
    );
    expect(releases["metrics-server"]).toMatchObject({ chart: "metrics-server", version: "3.14.0", namespace: "kube-system", repositoryOpts: { repo: "https://kubernetes-sigs.github.io/metrics-server/" } });
    expect(releases["secrets-store-csi-driver"]).toMatchObject({ chart: "secrets-store-csi-driver", version: "1.6.0", namespace: "kube-system" });
    expect(releases["secrets-store-aws"]).toMatchObject({ chart: "secrets-store-csi-driver-provider-aws", version: "2.2.0", namespace: "kube-system" });
    for (const r of Object.values(releases)) expect(String(r.version)).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("has the CSI driver request each pod's token for STS, so the separately installed AWS provider can use the pod's IRSA role", () => {
    const byName = (n: string) => ofType(doc, "kubernetes:helm.sh/v3:Release").find((r) => r.inputs.name === n)!.inputs;
    const driver = byName("secrets-store-csi-driver").values as Record<string, unknown>;
    expect(driver.tokenRequests).toEqual([{ audience: "sts.amazonaws.com" }]);
    expect(driver.syncSecret).toEqual({ enabled: false });
    // The provider's chart must not install a second, unconfigured driver.
    expect((byName("secrets-store-aws").values as Record<string, unknown>)["secrets-store-csi-driver"]).toEqual({ install: false });
  });

  it("exports the kubeconfig only as a secret", () => {
    expect((doc.outputs.cluster as Record<string, unknown>).kubeconfig).toBe("[secret]");
    expect((doc.outputs.cluster as Record<string, unknown>).name).toBe(`platform-${stack}`);
  });

  it("creates the Auto Scaling service-linked role before the node volumes key that names it", () => {
    const slrs = ofType(doc, "aws:iam/serviceLinkedRole:ServiceLinkedRole");
    expect(slrs).toHaveLength(1);
    expect(slrs[0].inputs.awsServiceName).toBe("autoscaling.amazonaws.com");
    expect(slrs[0].options.retainOnDelete).toBe(true);
    const key = single(doc, "aws:kms/key:Key", "cluster-volumes-key");
    expect(key.options.dependsOn).toContain(slrs[0].urn);
    const slrArn = "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
    const statements = JSON.parse(String(key.inputs.policy)).Statement as { Sid: string; Principal: unknown; Action: unknown; Condition?: unknown }[];
    expect(statements.map((st) => st.Sid)).toEqual(["AccountAdministers", "RolesUse", "RolesGrantForAwsResources"]);
    expect(statements[1].Principal).toEqual({ AWS: [slrArn] });
    expect(statements[2]).toMatchObject({ Principal: { AWS: [slrArn] }, Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } });
  });

  it("installs cluster-autoscaler by pinned chart with its own least-privilege IRSA role", () => {
    const release = single(doc, "kubernetes:helm.sh/v3:Release", "cluster-autoscaler-release");
    expect(release.inputs).toMatchObject({
      chart: "cluster-autoscaler",
      version: "9.59.0",
      namespace: "kube-system",
      repositoryOpts: { repo: "https://kubernetes.github.io/autoscaler" },
    });
    const values = release.inputs.values as Record<string, any>;
    expect(values).toMatchObject({
      cloudProvider: "aws",
      awsRegion: "us-east-1",
      autoDiscovery: { clusterName: `platform-${stack}` },
      image: { tag: "v1.35.1" },
      replicaCount: 2,
      podDisruptionBudget: { maxUnavailable: 1 },
      resources: { requests: { cpu: "100m", memory: "300Mi" } },
      securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: "RuntimeDefault" } },
      containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
      rbac: { serviceAccount: { name: "cluster-autoscaler", annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam:us-east-1:123456789012:role/cluster-autoscaler-role" } } },
    });
    const role = single(doc, "aws:iam/role:Role", "cluster-autoscaler-role");
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy)).Statement[0];
    expect(trust.Condition.StringEquals).toEqual({
      "oidc.eks.us-east-1.amazonaws.com/id/CLUSTER-EKS:sub": "system:serviceaccount:kube-system:cluster-autoscaler",
      "oidc.eks.us-east-1.amazonaws.com/id/CLUSTER-EKS:aud": "sts.amazonaws.com",
    });
    const policy = JSON.parse(String(single(doc, "aws:iam/rolePolicy:RolePolicy", "cluster-autoscaler-policy").inputs.policy));
    expect(policy.Statement).toEqual([
      {
        Sid: "Discover",
        Effect: "Allow",
        Action: [
          "autoscaling:DescribeAutoScalingGroups",
          "autoscaling:DescribeAutoScalingInstances",
          "autoscaling:DescribeLaunchConfigurations",
          "autoscaling:DescribeScalingActivities",
          "ec2:DescribeImages",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplateVersions",
          "ec2:GetInstanceTypesFromInstanceRequirements",
        ],
        Resource: "*",
      },
      { Sid: "DescribeNodeGroups", Effect: "Allow", Action: "eks:DescribeNodegroup", Resource: [single(doc, "aws:eks/nodeGroup:NodeGroup", "cluster-nodes-group").inputs.arn ?? expect.stringContaining("cluster-nodes-group")] },
      {
        Sid: "ScaleOwnGroups",
        Effect: "Allow",
        Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
        Resource: "*",
        Condition: { StringEquals: { "aws:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true", [`aws:ResourceTag/k8s.io/cluster-autoscaler/platform-${stack}`]: "owned" } },
      },
    ]);
  });
});

describe("cluster-autoscaler image", () => {
  it("pins an image of the same Kubernetes minor for every supported EKS version", async () => {
    const { clusterAutoscalerImageTag } = await import("../../../components/cluster/charts");
    for (const v of Object.keys(EKS_VERSIONS)) expect(clusterAutoscalerImageTag(v)).toMatch(new RegExp(`^v${v.replace(".", "\\.")}\\.\\d+$`));
    expect(() => clusterAutoscalerImageTag("1.20")).toThrow("No cluster-autoscaler image is pinned for Kubernetes 1.20");
  });
});
