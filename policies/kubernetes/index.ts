// The "Platform Kubernetes and Istio" CrossGuard pack: `pulumi preview --policy-pack policies/kubernetes`.
// Enforcement per stack comes from --policy-pack-config policies/config/<stack>.json.
import { PolicyPack } from "@pulumi/policy";
import { PACKS } from "../packs";

const pack = PACKS.find((p) => p.dir === "kubernetes")!;

new PolicyPack(pack.name, {
  description: pack.description,
  enforcementLevel: pack.enforcementLevel,
  policies: [...pack.policies],
});
