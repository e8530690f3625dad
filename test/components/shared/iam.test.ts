import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { irsaTrustPolicy, issuerHost, managedPolicyArn, serviceTrustPolicy, trustCondition } from "../../../components/shared/iam";
import { loadPlan, ofType, STACKS } from "../../support/plans";

const resolve = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((done) => o.apply((v) => done(v)));

describe("serviceTrustPolicy", () => {
  it("lets one service assume the role, with no condition unless one is passed", async () => {
    expect(await resolve(serviceTrustPolicy("eks.amazonaws.com"))).toBe(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
    );
  });

  it("pins the source account and/or ARN, account first, as StringEquals", async () => {
    const both = JSON.parse(await resolve(serviceTrustPolicy("cloudtrail.amazonaws.com", { sourceAccount: pulumi.output("111122223333"), sourceArn: "arn:aws:cloudtrail:us-east-1:111122223333:trail/t" })));
    expect(both.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "111122223333", "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/t" } },
      },
    ]);
    expect(Object.keys(both.Statement[0].Condition.StringEquals)).toEqual(["aws:SourceAccount", "aws:SourceArn"]);
    expect(trustCondition({ sourceArn: "arn:x" })).toEqual({ StringEquals: { "aws:SourceArn": "arn:x" } });
    expect(trustCondition({})).toBeUndefined();
    expect(trustCondition()).toBeUndefined();
  });

  it("takes several services as one principal list", async () => {
    const doc = JSON.parse(await resolve(serviceTrustPolicy(["redshift.amazonaws.com", "redshift-serverless.amazonaws.com"], { sourceAccount: "111122223333" })));
    expect(doc.Statement[0].Principal).toEqual({ Service: ["redshift.amazonaws.com", "redshift-serverless.amazonaws.com"] });
  });
});

describe("irsaTrustPolicy", () => {
  it("admits exactly one service account's tokens for STS, through the OIDC provider", async () => {
    const doc = JSON.parse(
      await resolve(
        irsaTrustPolicy({
          oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
          issuerHost: issuerHost("https://oidc.eks.us-east-1.amazonaws.com/id/ABC"),
          namespace: "kube-system",
          serviceAccount: "efs-csi-controller-sa",
        }),
      ),
    );
    expect(doc).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC" },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:kube-system:efs-csi-controller-sa",
              "oidc.eks.us-east-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
            },
          },
        },
      ],
    });
  });

  it("strips only the scheme from the issuer", async () => {
    expect(await resolve(issuerHost("https://oidc.eks.eu-west-1.amazonaws.com/id/X"))).toBe("oidc.eks.eu-west-1.amazonaws.com/id/X");
    expect(await resolve(issuerHost("oidc.eks.eu-west-1.amazonaws.com/id/X"))).toBe("oidc.eks.eu-west-1.amazonaws.com/id/X");
    expect(await resolve(managedPolicyArn("aws-us-gov", "service-role/AWS_ConfigRole"))).toBe("arn:aws-us-gov:iam::aws:policy/service-role/AWS_ConfigRole");
  });
});

describe.each(STACKS)("every role's trust (%s)", (stack) => {
  const roles = ofType(loadPlan(stack), "aws:iam/role:Role");
  const trust = (r: (typeof roles)[number]) => JSON.parse(String(r.inputs.assumeRolePolicy));

  it("is one statement of one of the two shapes the helpers build", () => {
    expect(roles.length).toBeGreaterThan(10);
    for (const r of roles) {
      const doc = trust(r);
      expect(Object.keys(doc), r.name).toEqual(["Version", "Statement"]);
      expect(doc.Statement, r.name).toHaveLength(1);
      const [s] = doc.Statement;
      if (s.Action === "sts:AssumeRole") {
        expect(Object.keys(s), r.name).toEqual(["Effect", "Principal", "Action", ...(s.Condition ? ["Condition"] : [])]);
        expect(Object.keys(s.Principal), r.name).toEqual(["Service"]);
      } else {
        expect(s.Action, r.name).toBe("sts:AssumeRoleWithWebIdentity");
        expect(Object.keys(s), r.name).toEqual(["Effect", "Principal", "Action", "Condition"]);
        const keys = Object.keys(s.Condition.StringEquals);
        expect(keys.map((k) => k.replace(/^.*:/, "")), r.name).toEqual(["sub", "aud"]);
      }
    }
  });

  it("pins the source account or ARN for every service principal that supports it (all but EKS and EC2)", () => {
    const unconditioned = roles.filter((r) => trust(r).Statement[0].Action === "sts:AssumeRole" && !trust(r).Statement[0].Condition);
    expect(unconditioned.map((r) => trust(r).Statement[0].Principal.Service).sort()).toEqual(["ec2.amazonaws.com", "eks.amazonaws.com"]);
  });
});
