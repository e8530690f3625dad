import * as aws from "@pulumi/aws";
import { resourcePolicyOfTypes } from "../../../lib/resource";

type Device = { encrypted?: boolean | string; deviceName?: string };

/** Every EBS volume is encrypted: volumes, instance block devices and launch-template mappings. */
export const awsEc2VolumeEncrypted = resourcePolicyOfTypes(
  {
    name: "aws-ec2-volume-encrypted",
    description: "Every EBS volume is encrypted: standalone volumes, instance root and block devices, and launch-template block device mappings used by node groups.",
    severity: "high",
    remediationSteps: "Set encrypted to true (with a customer-managed kmsKeyId) on the volume, the instance's block devices, or the launch template's blockDeviceMappings[].ebs.",
    frameworks: ["AG encrypted-volumes", "CP aws-ec2-instance-disallow-unencrypted-block-device", "CP aws-ec2-launchtemplate-disallow-unencrypted-block-device"],
    seed: true,
  },
  [aws.ebs.Volume, aws.ec2.Instance, aws.ec2.LaunchTemplate],
  (props, args) => {
    const off = (d: Device | undefined) => d !== undefined && String(d.encrypted) !== "true";
    if (args.isType(aws.ebs.Volume)) return props.encrypted !== true ? "The volume is not encrypted (encrypted is not true)." : undefined;
    if (args.isType(aws.ec2.Instance)) {
      return [
        off(props.rootBlockDevice ?? {}) && "rootBlockDevice is not encrypted.",
        ...((props.ebsBlockDevices as Device[] | undefined) ?? []).map((d) => off(d) && `ebsBlockDevices ${d.deviceName ?? "?"} is not encrypted.`),
      ];
    }
    return ((props.blockDeviceMappings as { deviceName?: string; ebs?: Device }[] | undefined) ?? []).map(
      (m) => m.ebs !== undefined && off(m.ebs) && `blockDeviceMappings ${m.deviceName ?? "?"} is not encrypted.`,
    );
  },
);
