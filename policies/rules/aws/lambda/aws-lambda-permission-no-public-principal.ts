import * as aws from "@pulumi/aws";
import { grantStatement } from "../../../lib/iam";
import { noPublicPrincipalPolicy } from "../../../lib/resourcePolicies";

/** Lambda permissions never let anyone, or any resource of a service, invoke a function. */
export const awsLambdaPermissionNoPublicPrincipal = noPublicPrincipalPolicy(
  {
    name: "aws-lambda-permission-no-public-principal",
    description:
      "No Lambda permission grants principal * without sourceArn, sourceAccount or principalOrgId, and every permission granted to an AWS service principal names the calling resource (sourceArn) or account (sourceAccount).",
    severity: "critical",
    remediationSteps: "Set sourceArn to the resource that invokes the function (the secret, rule, bucket or API) and sourceAccount to its account; never grant principal * alone.",
    frameworks: ["CKV_AWS_364", "FSBP Lambda.1"],
  },
  [{ type: aws.lambda.Permission, field: "principal", what: "permission" }],
  {
    documentOf: (p) => ({
      Statement: [
        {
          Sid: p.statementId ?? "permission",
          ...grantStatement({
            principal: p.principal,
            conditions: { ArnLike: { "aws:SourceArn": p.sourceArn }, StringEquals: { "aws:SourceAccount": p.sourceAccount, "aws:PrincipalOrgID": p.principalOrgId } },
          }),
        },
      ],
    }),
    extra: (p) =>
      typeof p.principal === "string" && p.principal.endsWith(".amazonaws.com") && !p.sourceArn && !p.sourceAccount
        ? `The permission lets every ${p.principal} resource, in any account, invoke the function: set sourceArn (and sourceAccount).`
        : undefined,
  },
);
