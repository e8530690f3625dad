import * as aws from "@pulumi/aws";
import { resourcePolicy } from "../../../lib/resource";
import { AS_OF_CONFIG_SCHEMA, CalendarConfig, lambdaRuntimeCycle, supportProblem } from "../../../lib/supportCalendar";

/** Lambda functions run on a runtime that is still in standard support, so Lambda accepts creates and updates. */
export const awsLambdaFunctionSupportedRuntime = resourcePolicy(
  {
    name: "aws-lambda-function-supported-runtime",
    description:
      "Lambda functions (.zip packages) use a runtime that has not reached its deprecation date in the support calendar as of the configured date; Lambda blocks creating, then updating, functions on deprecated runtimes.",
    severity: "high",
    remediationSteps: "Set runtime to a supported identifier (e.g. nodejs24.x) and test the handler on it; bump asOf in the stack's policy config as time passes.",
    frameworks: ["CKV_AWS_363", "FSBP Lambda.2", "NAG L1"],
    configSchema: AS_OF_CONFIG_SCHEMA,
  },
  aws.lambda.Function,
  (fn, args) => {
    const { asOf } = args.getConfig<CalendarConfig>();
    if (fn.packageType === "Image") return undefined; // the image brings its own runtime
    if (!fn.runtime) return "runtime is not set on a .zip function.";
    const runtime = String(fn.runtime);
    const cycle = lambdaRuntimeCycle(runtime);
    if (!cycle) return `runtime ${runtime} is not a Lambda runtime the support calendar knows (nodejs, python, java, ruby, dotnet, provided.al*).`;
    return supportProblem(cycle.product, cycle.version, asOf);
  },
);
