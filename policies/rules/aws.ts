import type { PlatformPolicy } from "../lib/types";
import { awsCloudtrailTrailCloudwatchLogs } from "./aws/cloudtrail/aws-cloudtrail-trail-cloudwatch-logs";
import { awsCloudtrailTrailKms } from "./aws/cloudtrail/aws-cloudtrail-trail-kms";
import { awsCloudtrailTrailLogValidation } from "./aws/cloudtrail/aws-cloudtrail-trail-log-validation";
import { awsCloudtrailTrailMultiRegion } from "./aws/cloudtrail/aws-cloudtrail-trail-multi-region";
import { awsCloudwatchEventBusPolicyNoPublicPrincipal } from "./aws/cloudwatch/aws-cloudwatch-eventbuspolicy-no-public-principal";
import { awsCloudwatchLogGroupKms } from "./aws/cloudwatch/aws-cloudwatch-loggroup-kms";
import { awsCloudwatchLogGroupRetention } from "./aws/cloudwatch/aws-cloudwatch-loggroup-retention";
import { awsCloudwatchMetricAlarmMetricProduced } from "./aws/cloudwatch/aws-cloudwatch-metricalarm-metric-produced";
import { awsEc2DefaultSecurityGroupNoRules } from "./aws/ec2/aws-ec2-defaultsecuritygroup-no-rules";
import { awsEc2InstanceImdsv2HopLimit } from "./aws/ec2/aws-ec2-instance-imdsv2-hop-limit";
import { awsEc2InstanceNoPublicIp } from "./aws/ec2/aws-ec2-instance-no-public-ip";
import { awsEc2NatGatewayPerAz } from "./aws/ec2/aws-ec2-natgateway-per-az";
import { awsEc2RouteTableEgressViaNat } from "./aws/ec2/aws-ec2-routetable-egress-via-nat";
import { awsEc2SecurityGroupDescriptions } from "./aws/ec2/aws-ec2-securitygroup-descriptions";
import { awsEc2SecurityGroupNoMixedRules } from "./aws/ec2/aws-ec2-securitygroup-no-mixed-rules";
import { awsEc2SecurityGroupNoPublicIngress } from "./aws/ec2/aws-ec2-securitygroup-no-public-ingress";
import { awsEc2SubnetNoPublicIpOnLaunch } from "./aws/ec2/aws-ec2-subnet-no-public-ip-on-launch";
import { awsEc2VolumeEncrypted } from "./aws/ec2/aws-ec2-volume-encrypted";
import { awsEc2VpcFlowLogsAll } from "./aws/ec2/aws-ec2-vpc-flow-logs-all";
import { awsEfsAccessPointRootAndPosixUser } from "./aws/efs/aws-efs-accesspoint-root-and-posix-user";
import { awsEfsFileSystemEncrypted } from "./aws/efs/aws-efs-filesystem-encrypted";
import { awsEfsFileSystemTlsOnlyPolicy } from "./aws/efs/aws-efs-filesystem-tls-only-policy";
import { awsEfsMountTargetRestrictedIngress } from "./aws/efs/aws-efs-mounttarget-restricted-ingress";
import { awsEksClusterControlPlaneLogs } from "./aws/eks/aws-eks-cluster-control-plane-logs";
import { awsEksClusterEndpointAccess } from "./aws/eks/aws-eks-cluster-endpoint-access";
import { awsEksClusterSecretsEncryption } from "./aws/eks/aws-eks-cluster-secrets-encryption";
import { awsEksClusterSupportedVersion } from "./aws/eks/aws-eks-cluster-supported-version";
import { awsEksNodeGroupCapacity } from "./aws/eks/aws-eks-nodegroup-capacity";
import { awsEksNodeGroupPrivateSubnets } from "./aws/eks/aws-eks-nodegroup-private-subnets";
import { awsEksNodeGroupRemoteAccess } from "./aws/eks/aws-eks-nodegroup-remote-access";
import { awsEksNodeGroupVolumesEncrypted } from "./aws/eks/aws-eks-nodegroup-volumes-encrypted";
import { awsElasticacheReplicationGroupAuth } from "./aws/elasticache/aws-elasticache-replicationgroup-auth";
import { awsElasticacheReplicationGroupEncrypted } from "./aws/elasticache/aws-elasticache-replicationgroup-encrypted";
import { awsElasticacheReplicationGroupMultiAz } from "./aws/elasticache/aws-elasticache-replicationgroup-multi-az";
import { awsElasticacheReplicationGroupSnapshots } from "./aws/elasticache/aws-elasticache-replicationgroup-snapshots";
import { awsGuarddutyDetectorEnabled } from "./aws/guardduty/aws-guardduty-detector-enabled";
import { awsGuarddutyDetectorFeatures } from "./aws/guardduty/aws-guardduty-detector-features";
import { awsIamPolicyNoAdminWildcard } from "./aws/iam/aws-iam-policy-no-admin-wildcard";
import { awsIamRoleNoMixedPolicies } from "./aws/iam/aws-iam-role-no-mixed-policies";
import { awsIamRoleIrsaNoRdsMasterSecret } from "./aws/iam/aws-iam-role-irsa-no-rds-master-secret";
import { awsIamRoleWebIdentityTrustScoped } from "./aws/iam/aws-iam-role-web-identity-trust-scoped";
import { awsKinesisFirehoseDeliveryStreamCmk } from "./aws/kinesis/aws-kinesis-firehosedeliverystream-cmk";
import { awsKmsKeyNoBypassLockoutCheck } from "./aws/kms/aws-kms-key-no-bypass-lockout-check";
import { awsKmsKeyPolicyNoPublicPrincipal } from "./aws/kms/aws-kms-key-policy-no-public-principal";
import { awsKmsKeyRotation } from "./aws/kms/aws-kms-key-rotation";
import { awsLambdaPermissionNoPublicPrincipal } from "./aws/lambda/aws-lambda-permission-no-public-principal";
import { awsLbListenerAcmCertificate } from "./aws/lb/aws-lb-listener-acm-certificate";
import { awsLbListenerHttpRedirectsToHttps } from "./aws/lb/aws-lb-listener-http-redirects-to-https";
import { awsLbListenerTlsPolicy } from "./aws/lb/aws-lb-listener-tls-policy";
import { awsLbLoadBalancerAccessLogs } from "./aws/lb/aws-lb-loadbalancer-access-logs";
import { awsLbLoadBalancerDeletionProtection } from "./aws/lb/aws-lb-loadbalancer-deletion-protection";
import { awsLbLoadBalancerDesyncMitigation } from "./aws/lb/aws-lb-loadbalancer-desync-mitigation";
import { awsLbLoadBalancerDropInvalidHeaders } from "./aws/lb/aws-lb-loadbalancer-drop-invalid-headers";
import { awsMskClusterAuthentication } from "./aws/msk/aws-msk-cluster-authentication";
import { awsMskClusterBrokerLogs } from "./aws/msk/aws-msk-cluster-broker-logs";
import { awsMskClusterEncryptionAtRestCmk } from "./aws/msk/aws-msk-cluster-encryption-at-rest-cmk";
import { awsMskClusterEncryptionInTransit } from "./aws/msk/aws-msk-cluster-encryption-in-transit";
import { awsMskClusterNoPublicAccess } from "./aws/msk/aws-msk-cluster-no-public-access";
import { awsMskClusterPolicyNoPublicPrincipal } from "./aws/msk/aws-msk-clusterpolicy-no-public-principal";
import { awsRdsInstanceAutoMinorUpgrade } from "./aws/rds/aws-rds-instance-auto-minor-upgrade";
import { awsRdsInstanceBackupRetention } from "./aws/rds/aws-rds-instance-backup-retention";
import { awsRdsInstanceDedicatedKmsKey } from "./aws/rds/aws-rds-instance-dedicated-kms-key";
import { awsRdsInstanceDeletionProtection } from "./aws/rds/aws-rds-instance-deletion-protection";
import { awsRdsInstanceEnhancedMonitoring } from "./aws/rds/aws-rds-instance-enhanced-monitoring";
import { awsRdsInstanceFinalSnapshot } from "./aws/rds/aws-rds-instance-final-snapshot";
import { awsRdsInstanceIamAuth } from "./aws/rds/aws-rds-instance-iam-auth";
import { awsRdsInstanceLogExports } from "./aws/rds/aws-rds-instance-log-exports";
import { awsRdsInstanceManagedMasterPassword } from "./aws/rds/aws-rds-instance-managed-master-password";
import { awsRdsInstanceMultiAz } from "./aws/rds/aws-rds-instance-multi-az";
import { awsRdsInstanceNotPublic } from "./aws/rds/aws-rds-instance-not-public";
import { awsRdsInstancePerformanceInsightsKms } from "./aws/rds/aws-rds-instance-performance-insights-kms";
import { awsRdsInstanceStorageEncrypted } from "./aws/rds/aws-rds-instance-storage-encrypted";
import { awsRdsParameterGroupForceTls } from "./aws/rds/aws-rds-parametergroup-force-tls";
import { awsRedshiftClusterEnhancedVpcRouting } from "./aws/redshift/aws-redshift-cluster-enhanced-vpc-routing";
import { awsRedshiftClusterKms } from "./aws/redshift/aws-redshift-cluster-kms";
import { awsRedshiftClusterLogging } from "./aws/redshift/aws-redshift-cluster-logging";
import { awsRedshiftClusterNotPublic } from "./aws/redshift/aws-redshift-cluster-not-public";
import { awsRedshiftWorkgroupS3Reachable } from "./aws/redshift/aws-redshift-workgroup-s3-reachable";
import { awsS3BucketAccessLogging } from "./aws/s3/aws-s3-bucket-access-logging";
import { awsS3BucketLifecycleAbortMultipart } from "./aws/s3/aws-s3-bucket-lifecycle-abort-multipart";
import { awsS3BucketLoggingNotSelf } from "./aws/s3/aws-s3-bucket-logging-not-self";
import { awsS3BucketObjectLockCompliance } from "./aws/s3/aws-s3-bucket-object-lock-compliance";
import { awsS3BucketOwnerEnforced } from "./aws/s3/aws-s3-bucket-owner-enforced";
import { awsS3BucketPublicAccessBlock } from "./aws/s3/aws-s3-bucket-public-access-block";
import { awsS3BucketSseKms } from "./aws/s3/aws-s3-bucket-sse-kms";
import { awsS3BucketTlsOnlyPolicy } from "./aws/s3/aws-s3-bucket-tls-only-policy";
import { awsS3BucketVersioning } from "./aws/s3/aws-s3-bucket-versioning";
import { awsS3BucketPolicyNoPublicPrincipal } from "./aws/s3/aws-s3-bucketpolicy-no-public-principal";
import { awsSecretsmanagerSecretKms } from "./aws/secretsmanager/aws-secretsmanager-secret-kms";
import { awsSecretsmanagerSecretRotation } from "./aws/secretsmanager/aws-secretsmanager-secret-rotation";
import { awsSecretsmanagerSecretPolicyNoPublicPrincipal } from "./aws/secretsmanager/aws-secretsmanager-secretpolicy-no-public-principal";
import { awsSecurityhubAccountEnabled } from "./aws/securityhub/aws-securityhub-account-enabled";
import { awsSecurityhubAccountStandards } from "./aws/securityhub/aws-securityhub-account-standards";
import { awsSnsTopicKms } from "./aws/sns/aws-sns-topic-kms";
import { awsSnsTopicPolicyNoPublicPrincipal } from "./aws/sns/aws-sns-topicpolicy-no-public-principal";
import { awsSqsQueueKms } from "./aws/sqs/aws-sqs-queue-kms";
import { awsSqsQueuePolicyNoPublicPrincipal } from "./aws/sqs/aws-sqs-queuepolicy-no-public-principal";
import { awsWafv2WebAclKnownBadInputs } from "./aws/wafv2/aws-wafv2-webacl-known-bad-inputs";
import { awsWafv2WebAclLogging } from "./aws/wafv2/aws-wafv2-webacl-logging";
import { awsWafv2WebAclRateLimit } from "./aws/wafv2/aws-wafv2-webacl-rate-limit";
import { awsWafv2WebAclRulesAndMetrics } from "./aws/wafv2/aws-wafv2-webacl-rules-and-metrics";
import { awsWafv2WebAclAssociationInternetFacingAlb } from "./aws/wafv2/aws-wafv2-webaclassociation-internet-facing-alb";
import { pulumiStackOutputsSecret } from "./pulumi/stack/pulumi-stack-outputs-secret";
import { pulumiStackStatefulProtected } from "./pulumi/stack/pulumi-stack-stateful-protected";
import { awsEksAddonSupportedVersion } from "./aws/eks/aws-eks-addon-supported-version";
import { awsLambdaFunctionSupportedRuntime } from "./aws/lambda/aws-lambda-function-supported-runtime";
import { awsRdsInstanceSupportedEngineVersion } from "./aws/rds/aws-rds-instance-supported-engine-version";

/** The AWS pack's policies (plus the stack-output check, which is cloud-neutral), sorted by name. */
export const awsPolicies: readonly PlatformPolicy[] = [
  awsCloudtrailTrailCloudwatchLogs,
  awsCloudtrailTrailKms,
  awsCloudtrailTrailLogValidation,
  awsCloudtrailTrailMultiRegion,
  awsCloudwatchEventBusPolicyNoPublicPrincipal,
  awsCloudwatchLogGroupKms,
  awsCloudwatchLogGroupRetention,
  awsEc2DefaultSecurityGroupNoRules,
  awsEc2InstanceImdsv2HopLimit,
  awsEc2InstanceNoPublicIp,
  awsEc2NatGatewayPerAz,
  awsEc2RouteTableEgressViaNat,
  awsEc2SecurityGroupDescriptions,
  awsEc2SecurityGroupNoMixedRules,
  awsEc2SecurityGroupNoPublicIngress,
  awsEc2SubnetNoPublicIpOnLaunch,
  awsEc2VolumeEncrypted,
  awsEc2VpcFlowLogsAll,
  awsEfsAccessPointRootAndPosixUser,
  awsEfsFileSystemEncrypted,
  awsEfsFileSystemTlsOnlyPolicy,
  awsEfsMountTargetRestrictedIngress,
  awsEksClusterControlPlaneLogs,
  awsEksClusterEndpointAccess,
  awsEksClusterSecretsEncryption,
  awsEksClusterSupportedVersion,
  awsEksNodeGroupCapacity,
  awsEksNodeGroupPrivateSubnets,
  awsEksNodeGroupRemoteAccess,
  awsEksNodeGroupVolumesEncrypted,
  awsElasticacheReplicationGroupAuth,
  awsElasticacheReplicationGroupEncrypted,
  awsElasticacheReplicationGroupMultiAz,
  awsElasticacheReplicationGroupSnapshots,
  awsGuarddutyDetectorEnabled,
  awsGuarddutyDetectorFeatures,
  awsIamPolicyNoAdminWildcard,
  awsIamRoleIrsaNoRdsMasterSecret,
  awsIamRoleNoMixedPolicies,
  awsIamRoleWebIdentityTrustScoped,
  awsKinesisFirehoseDeliveryStreamCmk,
  awsKmsKeyNoBypassLockoutCheck,
  awsKmsKeyPolicyNoPublicPrincipal,
  awsKmsKeyRotation,
  awsLambdaPermissionNoPublicPrincipal,
  awsLbListenerAcmCertificate,
  awsLbListenerHttpRedirectsToHttps,
  awsLbListenerTlsPolicy,
  awsLbLoadBalancerAccessLogs,
  awsLbLoadBalancerDeletionProtection,
  awsLbLoadBalancerDesyncMitigation,
  awsLbLoadBalancerDropInvalidHeaders,
  awsMskClusterAuthentication,
  awsMskClusterBrokerLogs,
  awsMskClusterEncryptionAtRestCmk,
  awsMskClusterEncryptionInTransit,
  awsMskClusterNoPublicAccess,
  awsMskClusterPolicyNoPublicPrincipal,
  awsRdsInstanceAutoMinorUpgrade,
  awsRdsInstanceBackupRetention,
  awsRdsInstanceDedicatedKmsKey,
  awsRdsInstanceDeletionProtection,
  awsRdsInstanceEnhancedMonitoring,
  awsRdsInstanceFinalSnapshot,
  awsRdsInstanceIamAuth,
  awsRdsInstanceLogExports,
  awsRdsInstanceManagedMasterPassword,
  awsRdsInstanceMultiAz,
  awsRdsInstanceNotPublic,
  awsRdsInstancePerformanceInsightsKms,
  awsRdsInstanceStorageEncrypted,
  awsRdsParameterGroupForceTls,
  awsRedshiftClusterEnhancedVpcRouting,
  awsRedshiftClusterKms,
  awsRedshiftClusterLogging,
  awsRedshiftClusterNotPublic,
  awsRedshiftWorkgroupS3Reachable,
  awsS3BucketAccessLogging,
  awsS3BucketLifecycleAbortMultipart,
  awsS3BucketLoggingNotSelf,
  awsS3BucketObjectLockCompliance,
  awsS3BucketOwnerEnforced,
  awsS3BucketPublicAccessBlock,
  awsS3BucketSseKms,
  awsS3BucketTlsOnlyPolicy,
  awsS3BucketVersioning,
  awsS3BucketPolicyNoPublicPrincipal,
  awsSecretsmanagerSecretKms,
  awsSecretsmanagerSecretRotation,
  awsSecretsmanagerSecretPolicyNoPublicPrincipal,
  awsSecurityhubAccountEnabled,
  awsSecurityhubAccountStandards,
  awsSnsTopicKms,
  awsSnsTopicPolicyNoPublicPrincipal,
  awsSqsQueueKms,
  awsSqsQueuePolicyNoPublicPrincipal,
  awsWafv2WebAclKnownBadInputs,
  awsWafv2WebAclLogging,
  awsWafv2WebAclRateLimit,
  awsWafv2WebAclRulesAndMetrics,
  awsWafv2WebAclAssociationInternetFacingAlb,
  pulumiStackOutputsSecret,
  pulumiStackStatefulProtected,
  awsLambdaFunctionSupportedRuntime,
  awsRdsInstanceSupportedEngineVersion,
  awsEksAddonSupportedVersion,
  awsCloudwatchMetricAlarmMetricProduced,
];
