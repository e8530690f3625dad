/**
 * EC2 instance types the capacity policy knows: vCPUs and memory (MiB) as
 * `aws ec2 describe-instance-types` reports them (VCpuInfo.DefaultVCpus,
 * MemoryInfo.SizeInMiB), and the most pods per node with the VPC CNI's ENI IPs, from
 * amazon-eks-ami `templates/shared/runtime/eni-max-pods.txt`
 * (ENIs x (IPv4 per ENI - 1) + 2). Add a type here before using it in a node group.
 */
export interface InstanceType {
  readonly vcpu: number;
  readonly memoryMiB: number;
  readonly maxPods: number;
}

export const INSTANCE_TYPES: Readonly<Record<string, InstanceType>> = {
  "t3.small": { vcpu: 2, memoryMiB: 2048, maxPods: 11 },
  "t3.medium": { vcpu: 2, memoryMiB: 4096, maxPods: 17 },
  "t3.large": { vcpu: 2, memoryMiB: 8192, maxPods: 35 },
  "t3.xlarge": { vcpu: 4, memoryMiB: 16384, maxPods: 58 },
  "t3.2xlarge": { vcpu: 8, memoryMiB: 32768, maxPods: 58 },
  "t3a.medium": { vcpu: 2, memoryMiB: 4096, maxPods: 17 },
  "t3a.large": { vcpu: 2, memoryMiB: 8192, maxPods: 35 },
  "t3a.xlarge": { vcpu: 4, memoryMiB: 16384, maxPods: 58 },
  "m5.large": { vcpu: 2, memoryMiB: 8192, maxPods: 29 },
  "m5.xlarge": { vcpu: 4, memoryMiB: 16384, maxPods: 58 },
  "m6i.large": { vcpu: 2, memoryMiB: 8192, maxPods: 29 },
  "m6i.xlarge": { vcpu: 4, memoryMiB: 16384, maxPods: 58 },
  "m6i.2xlarge": { vcpu: 8, memoryMiB: 32768, maxPods: 58 },
  "m7i.large": { vcpu: 2, memoryMiB: 8192, maxPods: 29 },
  "m7i.xlarge": { vcpu: 4, memoryMiB: 16384, maxPods: 58 },
  "c6i.large": { vcpu: 2, memoryMiB: 4096, maxPods: 29 },
  "c6i.xlarge": { vcpu: 4, memoryMiB: 8192, maxPods: 58 },
  "r6i.large": { vcpu: 2, memoryMiB: 16384, maxPods: 29 },
  "r6i.xlarge": { vcpu: 4, memoryMiB: 32768, maxPods: 58 },
};

/**
 * What the kubelet of an EKS AMI (AL2023 nodeadm, as the AL2 bootstrap did) can hand to
 * pods: CPU minus kube-reserved (6% of the first core, 1% of the second, 0.5% of the
 * third and fourth, 0.25% of the rest); memory minus kube-reserved (255 MiB + 11 MiB per
 * pod) and the 100 MiB hard eviction threshold. No system-reserved is set by the AMIs.
 */
export function allocatable(t: InstanceType): { cpuMillis: number; memoryMiB: number; pods: number } {
  const steps = [0.06, 0.01, 0.005, 0.005];
  let reserved = 0;
  for (let core = 0; core < t.vcpu; core++) reserved += 1000 * (steps[core] ?? 0.0025);
  return { cpuMillis: t.vcpu * 1000 - Math.round(reserved), memoryMiB: t.memoryMiB - (255 + 11 * t.maxPods) - 100, pods: t.maxPods };
}
