/**
 * Whether EC2 instances of this type can give pods their own security groups (the VPC
 * CNI's trunk ENI, "security groups for pods").
 *
 * Conservative: the general-purpose, compute- and memory-optimised Nitro families from
 * generation 5 on (m5, c6i, r7g, ...). No `t` family instance supports it (EKS user
 * guide, "Security groups for Pods"), so the default `t3.medium` nodes do not.
 */
export function supportsPodSecurityGroups(instanceType: string): boolean {
  const m = /^([a-z]+)(\d+)([a-z-]*)\.([a-z0-9]+)$/.exec(instanceType);
  if (!m) return false;
  const [, family, generation, , size] = m;
  if (!["m", "c", "r"].includes(family)) return false;
  if (Number(generation) < 5) return false;
  return !["nano", "micro", "small"].includes(size);
}

/**
 * How pods are told apart by security groups.
 *
 * - `perService`: each service's pods get their own security group through a
 *   `SecurityGroupPolicy` (VPC CNI branch ENIs); the data tier admits exactly the
 *   services it serves.
 * - `node`: the instance type has no branch ENIs, so every pod carries the nodes'
 *   security group (the EKS cluster security group). The data tier then admits the
 *   application tier as a whole; per-service isolation rests on the NetworkPolicies,
 *   the mesh's AuthorizationPolicies and each service's own IAM and database credentials.
 */
export type PodSecurityGroupMode = "perService" | "node";

/** The mode an instance type allows. */
export function podSecurityGroupMode(instanceType: string): PodSecurityGroupMode {
  return supportsPodSecurityGroups(instanceType) ? "perService" : "node";
}
