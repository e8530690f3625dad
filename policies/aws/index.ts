// The "Platform AWS" CrossGuard pack: `pulumi preview --policy-pack policies/aws`.
// Enforcement per stack comes from --policy-pack-config policies/config/<stack>.json.
import { PolicyPack } from "@pulumi/policy";
import { PACKS } from "../packs";

const pack = PACKS.find((p) => p.dir === "aws")!;

new PolicyPack(pack.name, {
  description: pack.description,
  enforcementLevel: pack.enforcementLevel,
  policies: [...pack.policies],
});
