// The floor of the offline plan (issue 14): plain `node`, no TypeScript hook, requires the
// five SDKs the program uses and touches the class of every resource type a recorded plan
// holds (argv[2], a plan JSON), so the SDK modules the program loads are loaded here too.
// Nothing is registered. Prints the number of classes touched.
"use strict";
const fs = require("node:fs");

const sdks = {
  pulumi: require("@pulumi/pulumi"),
  aws: require("@pulumi/aws"),
  kubernetes: require("@pulumi/kubernetes"),
  random: require("@pulumi/random"),
  tls: require("@pulumi/tls"),
};

/** The SDK class for a type token, e.g. aws:ec2/vpc:Vpc -> aws.ec2.Vpc, kubernetes:core/v1:Pod -> kubernetes.core.v1.Pod. */
function classOf(token) {
  const [pkg, mod, name] = token.split(":");
  const sdk = sdks[pkg];
  if (!sdk || !mod || !name) return undefined;
  if (pkg === "pulumi") return mod === "providers" ? sdks[name]?.Provider : undefined;
  const [group, version] = mod.split("/");
  if (pkg === "kubernetes") return sdk[group.replace(/\..*$/, "").replace(/^helm$/, "helm")]?.[version]?.[name];
  return group === "index" ? sdk[name] : sdk[group]?.[name];
}

const types = [...new Set(JSON.parse(fs.readFileSync(process.argv[2], "utf8")).resources.map((r) => r.type))];
let touched = 0;
for (const t of types) if (typeof classOf(t) === "function") touched++;
if (typeof sdks.pulumi.ComponentResource === "function") touched++;
console.log(`${touched} classes`);
