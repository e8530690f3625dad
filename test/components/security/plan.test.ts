import { describe, expect, it } from "vitest";
import type { PlanDocument } from "../../../tools/plan/types";
import { STACKS, loadPlan, ofType, single } from "../../support/plans";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:topic/alarms-topic";
const ACCOUNT = "123456789012";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TRAIL_ARN = "arn:aws:cloudtrail:us-east-1:123456789012:trail/platform-prod-trail";
/** 80% of the default max_connections: PostgreSQL memory/9531392, MySQL memory/12582880. */
const DB_THRESHOLDS = { dev: { user: 180, product: 272, order: 360 }, prod: { user: 360, product: 272, order: 720 } };
/** The account singletons: prod creates them, dev relies on an existing setup. */
const BASELINE_TYPES = [
  "aws:cloudtrail/trail:Trail",
  "aws:guardduty/detector:Detector",
  "aws:guardduty/detectorFeature:DetectorFeature",
  "aws:cfg/recorder:Recorder",
  "aws:cfg/deliveryChannel:DeliveryChannel",
  "aws:cfg/recorderStatus:RecorderStatus",
  "aws:securityhub/account:Account",
  "aws:securityhub/standardsSubscription:StandardsSubscription",
];

type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown; Principal?: unknown; Condition?: Record<string, Record<string, unknown>> };
const statements = (policy: unknown): Statement[] => (JSON.parse(String(policy)) as { Statement: Statement[] }).Statement;
const inputs = (doc: PlanDocument, type: string, name: string) => single(doc, type, name).inputs;

describe.each(STACKS)("alarms in the %s plan", (stack) => {
  const doc = loadPlan(stack);

  it("has one encrypted alarm topic whose key and policy admit only this account's CloudWatch alarms", () => {
    expect(ofType(doc, "aws:sns/topic:Topic").map((t) => t.name)).toEqual(["alarms-topic"]);
    const topic = inputs(doc, "aws:sns/topic:Topic", "alarms-topic");
    expect(topic.name).toBe(`platform-${stack}-alarms`);
    expect(topic.kmsMasterKeyId).toBe("arn:aws:kms:us-east-1:123456789012:key/alarms-key");
    const condition = { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:*" } };
    expect(statements(inputs(doc, "aws:kms/key:Key", "alarms-key").policy)[1]).toEqual({
      Sid: "Service0Uses",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: condition,
    });
    const policy = inputs(doc, "aws:sns/topicPolicy:TopicPolicy", "alarms-policy");
    expect(policy.arn).toBe(TOPIC);
    expect(statements(policy.policy)).toEqual([
      { Sid: "CloudWatchAlarmsPublish", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: TOPIC, Condition: condition },
    ]);
    expect(doc.outputs.alarmTopicArn).toBe(TOPIC);
  });

  it("has CPU, memory, DB-connection, 5xx, latency and healthy-target alarms per service and one on the ALB's own 5xx, all to the topic", () => {
    const alarms = ofType(doc, ALARM);
    expect(alarms.map((a) => a.name).sort()).toEqual(
      [
        ...["order", "product", "user"].flatMap((s) => [`${s}-5xx`, `${s}-cpu`, `${s}-db-connections`, `${s}-latency`, `${s}-memory`, `${s}-no-healthy-targets`]),
        "api-elb-5xx",
      ]
        .map((n) => `alarms-${n}`)
        .sort(),
    );
    for (const a of alarms) {
      expect(a.inputs.name).toBe(`platform-${stack}-${a.name.replace(/^alarms-/, "")}`);
      expect(a.inputs.alarmActions).toEqual([TOPIC]);
      expect(a.inputs.okActions).toEqual([TOPIC]);
    }
  });

  it("watches each service's pod memory against its limit in Container Insights, notifying when the metric is missing", () => {
    for (const svc of ["order", "product", "user"]) {
      // CPU: against the pods' requests (test/components/security/platformAlarms.test.ts).
      for (const [signal, metric] of [["memory", "pod_memory_utilization_over_pod_limit"]]) {
        expect(inputs(doc, ALARM, `alarms-${svc}-${signal}`)).toMatchObject({
          namespace: "ContainerInsights",
          metricName: metric,
          dimensions: { ClusterName: `platform-${stack}`, Namespace: svc, PodName: svc },
          statistic: "Average",
          period: 60,
          evaluationPeriods: 5,
          comparisonOperator: "GreaterThanThreshold",
          threshold: 80,
          insufficientDataActions: [TOPIC],
        });
      }
    }
  });

  it("alarms on each database's connections at 80% of its class's default max_connections", () => {
    for (const [svc, threshold] of Object.entries(DB_THRESHOLDS[stack])) {
      expect(inputs(doc, ALARM, `alarms-${svc}-db-connections`)).toMatchObject({
        namespace: "AWS/RDS",
        metricName: "DatabaseConnections",
        dimensions: { DBInstanceIdentifier: `platform-${stack}-${svc}` },
        statistic: "Maximum",
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold,
      });
      // The identifier is the one the database really has.
      expect(inputs(doc, "aws:rds/instance:Instance", `data-${svc}-db-instance`).identifier).toBe(`platform-${stack}-${svc}`);
    }
  });

  it("alarms on each service's 5xx rate and p95 latency on its own edge target group", () => {
    for (const svc of ["order", "product", "user"]) {
      const dimensions = { LoadBalancer: "app/edge-alb/50dc6c495c0c9188", TargetGroup: `targetgroup/edge-gateway-${svc}/73e2d6bc24d8a067` };
      const errors = inputs(doc, ALARM, `alarms-${svc}-5xx`);
      expect(errors.metricQueries).toEqual([
        { id: "errors", returnData: false, metric: { namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count", dimensions, period: 60, stat: "Sum" } },
        { id: "requests", returnData: false, metric: { namespace: "AWS/ApplicationELB", metricName: "RequestCount", dimensions, period: 60, stat: "Sum" } },
        { id: "rate", label: "Target 5xx (% of requests)", expression: "IF(requests > 0, 100 * errors / requests, 0)", returnData: true },
      ]);
      expect(errors).toMatchObject({
        name: `platform-${stack}-${svc}-5xx`,
        alarmDescription: `${svc}: target 5xx responses above 5% of its API requests in 3 of 5 minutes.`,
        threshold: 5,
        comparisonOperator: "GreaterThanThreshold",
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: "notBreaching",
      });
      expect(inputs(doc, ALARM, `alarms-${svc}-latency`)).toMatchObject({
        name: `platform-${stack}-${svc}-latency`,
        namespace: "AWS/ApplicationELB",
        metricName: "TargetResponseTime",
        dimensions,
        extendedStatistic: "p95",
        period: 60,
        threshold: 1,
        comparisonOperator: "GreaterThanThreshold",
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: "notBreaching",
      });
    }
  });
});

describe("the account baseline", () => {
  it("is created by prod only (dev relies on the existing one)", () => {
    for (const type of BASELINE_TYPES) expect(ofType(loadPlan("dev"), type), type).toEqual([]);
    const counts = Object.fromEntries(BASELINE_TYPES.map((t) => [t, ofType(loadPlan("prod"), t).length]));
    expect(counts).toEqual(Object.fromEntries(BASELINE_TYPES.map((t) => [t, t.endsWith("DetectorFeature") ? 4 : t.endsWith("StandardsSubscription") ? 3 : 1])));
  });

  const prod = loadPlan("prod");

  it("has a multi-region, validated, KMS-encrypted trail delivering to its bucket and to CloudWatch Logs", () => {
    expect(inputs(prod, "aws:cloudtrail/trail:Trail", "audit-trail")).toEqual({
      name: "platform-prod-trail",
      s3BucketName: inputs(prod, "aws:s3/bucket:Bucket", "audit-logs-bucket").bucket,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/audit-key",
      cloudWatchLogsGroupArn: "arn:aws:cloudwatch:us-east-1:123456789012:loggroup/audit-log-group:*",
      cloudWatchLogsRoleArn: "arn:aws:iam:us-east-1:123456789012:role/audit-role",
      tags: { Name: "platform-prod-trail" },
    });
    expect(inputs(prod, "aws:cloudwatch/logGroup:LogGroup", "audit-log-group")).toMatchObject({ name: "/platform-prod/cloudtrail", retentionInDays: 365, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/audit-key" });
    const trust = statements(inputs(prod, "aws:iam/role:Role", "audit-role").assumeRolePolicy);
    expect(trust).toEqual([{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } } }]);
    expect(statements(inputs(prod, "aws:iam/rolePolicy:RolePolicy", "audit-write").policy)).toEqual([
      { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:cloudwatch:us-east-1:123456789012:loggroup/audit-log-group:log-stream:123456789012_CloudTrail_*" },
    ]);
  });

  it("lets CloudTrail use the trail key only for this trail, within its encryption context", () => {
    const s = statements(inputs(prod, "aws:kms/key:Key", "audit-key").policy);
    expect(s.slice(1, 3)).toEqual([
      {
        Sid: "Service0Uses",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: ["kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:123456789012:trail/*" } },
      },
      { Sid: "Service1Uses", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: ["kms:DescribeKey"], Resource: "*", Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } } },
    ]);
    expect(s[3].Principal).toEqual({ Service: "logs.us-east-1.amazonaws.com" });
  });

  it("admits only the trail to its SecureBucket", () => {
    const s = statements(inputs(prod, "aws:s3/bucketPolicy:BucketPolicy", "audit-logs-policy").policy);
    expect(s.map((x) => x.Sid)).toEqual(["DenyInsecureTransport", "CloudTrailAclCheck", "CloudTrailWrite"]);
    expect(s[2]).toMatchObject({
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:us-east-1:123456789012:bucket/audit-logs-bucket/AWSLogs/123456789012/*",
      Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN, "s3:x-amz-acl": "bucket-owner-full-control" } },
    });
  });

  it("enables GuardDuty with EKS audit logs, runtime monitoring (managed EKS add-on), S3 data events and RDS login events", () => {
    expect(inputs(prod, "aws:guardduty/detector:Detector", "baseline-guardduty").enable).toBe(true);
    const features = ofType(prod, "aws:guardduty/detectorFeature:DetectorFeature").map((f) => f.inputs);
    expect(features.every((f) => f.detectorId === "baseline-guardduty-id" && f.status === "ENABLED")).toBe(true);
    expect(features.map((f) => f.name).sort()).toEqual(["EKS_AUDIT_LOGS", "RDS_LOGIN_EVENTS", "RUNTIME_MONITORING", "S3_DATA_EVENTS"]);
    expect(features.find((f) => f.name === "RUNTIME_MONITORING")!.additionalConfigurations).toEqual([{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }]);
  });

  it("records every resource type with AWS Config through a role with AWS_ConfigRole, into its SecureBucket", () => {
    expect(inputs(prod, "aws:cfg/recorder:Recorder", "baseline-config-recorder")).toMatchObject({
      name: "platform-prod-recorder",
      roleArn: "arn:aws:iam:us-east-1:123456789012:role/baseline-config-role",
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    expect(inputs(prod, "aws:cfg/deliveryChannel:DeliveryChannel", "baseline-config-delivery-channel")).toMatchObject({
      s3BucketName: inputs(prod, "aws:s3/bucket:Bucket", "baseline-config-bucket").bucket,
      s3KmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/baseline-config-key",
    });
    expect(inputs(prod, "aws:cfg/recorderStatus:RecorderStatus", "baseline-config-recorder-status")).toEqual({ name: "platform-prod-recorder", isEnabled: true });
    expect(inputs(prod, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "baseline-config-managed").policyArn).toBe("arn:aws:iam::aws:policy/service-role/AWS_ConfigRole");
    const bucket = statements(inputs(prod, "aws:s3/bucketPolicy:BucketPolicy", "baseline-config-policy").policy);
    expect(bucket.map((x) => [x.Sid, x.Principal, x.Condition])).toEqual([
      ["DenyInsecureTransport", "*", { Bool: { "aws:SecureTransport": "false" } }],
      ["configWrites", { Service: "config.amazonaws.com" }, { StringEquals: { "aws:SourceAccount": ACCOUNT } }],
      ["ConfigAclCheck", { Service: "config.amazonaws.com" }, { StringEquals: { "aws:SourceAccount": ACCOUNT } }],
    ]);
  });

  it("subscribes Security Hub to CIS 3.0.0, PCI DSS 4.0.1 and FSBP in the stack's region, without the default standards", () => {
    expect(inputs(prod, "aws:securityhub/account:Account", "baseline-securityhub")).toMatchObject({ enableDefaultStandards: false, autoEnableControls: true });
    expect(ofType(prod, "aws:securityhub/standardsSubscription:StandardsSubscription").map((s) => s.inputs.standardsArn).sort()).toEqual([
      "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
      "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
      "arn:aws:securityhub:us-east-1::standards/pci-dss/v/4.0.1",
    ]);
  });
});
