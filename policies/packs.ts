import * as fs from "node:fs";
import * as path from "node:path";
import type { EnforcementLevel } from "@pulumi/policy";
import { awsPolicies } from "./rules/aws";
import { kubernetesPolicies } from "./rules/kubernetes";
import type { PlatformPolicy } from "./lib/types";

/** One CrossGuard pack: its directory under `policies/`, name and policies. */
export interface PackDefinition {
  /** The pack's directory under `policies/`, holding PulumiPolicy.yaml and package.json. */
  readonly dir: string;
  /** The pack name the CLI reports. */
  readonly name: string;
  readonly description: string;
  /** The level of every policy the stack's pack config does not name. */
  readonly enforcementLevel: EnforcementLevel;
  readonly policies: readonly PlatformPolicy[];
}

/** The packs, in the order the CLI and the offline runner run them. */
export const PACKS: readonly PackDefinition[] = [
  {
    dir: "aws",
    name: "platform-aws",
    description: "AWS rules of the platform: egress through NAT, KMS everywhere, edge TLS and WAF, data stores, identity, audit and detection.",
    enforcementLevel: "mandatory",
    policies: awsPolicies,
  },
  {
    dir: "kubernetes",
    name: "platform-kubernetes",
    description: "Kubernetes and Istio rules of the platform: Pod Security restricted, network policies, HA, STRICT mTLS, sidecars, egress and gateway auth.",
    enforcementLevel: "mandatory",
    policies: kubernetesPolicies,
  },
];

/** The directory holding the packs and their config. */
export const POLICIES_DIR = __dirname;

/** A pack's version, from its package.json (as `PolicyPack` reads it). */
export function packVersion(pack: PackDefinition): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(POLICIES_DIR, pack.dir, "package.json"), "utf8")) as { version?: string };
  if (!pkg.version) throw new Error(`policies/${pack.dir}/package.json has no version`);
  return pkg.version;
}
