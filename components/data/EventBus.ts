import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createKmsKey } from "../shared/kms";
import { policyDocument } from "../shared/iam";
import type { DataPlacement } from "./common";

/** One event type: who publishes it and who consumes it. */
export interface EventRoute {
  readonly event: string;
  readonly publisher: string;
  readonly consumers: readonly string[];
}

/** The `source` a service's events carry on the bus (the CloudEvents `source`, too). */
export function eventSource(service: string): string {
  return `platform.${service}`;
}

/**
 * The routes implied by the services' `events` settings: one per published event type,
 * with every service that consumes it, in name order. Events nobody consumes still get a
 * route (no targets) only if consumed; the settings reject consumers with no publisher.
 */
export function eventRoutes(services: Readonly<Record<string, { events: { publishes: readonly string[]; consumes: readonly string[] } }>>): EventRoute[] {
  const names = Object.keys(services).sort();
  const routes: EventRoute[] = [];
  for (const publisher of names) {
    for (const event of services[publisher].events.publishes) {
      const consumers = names.filter((n) => services[n].events.consumes.includes(event));
      if (consumers.length) routes.push({ event, publisher, consumers });
    }
  }
  return routes.sort((a, b) => a.event.localeCompare(b.event));
}

/** The event pattern of a route's rule: its publisher's source and its type. */
function eventPattern(route: EventRoute): string {
  return JSON.stringify({ source: [eventSource(route.publisher)], "detail-type": [route.event] });
}

export interface EventBusArgs extends Omit<DataPlacement, "vpcId" | "subnetIds" | "logRetentionDays"> {
  /** The routes: one rule per event type, one target per consumer. */
  readonly routes: readonly EventRoute[];
  /** Publishing services and their IRSA role ARNs: the only principals the bus policy admits. */
  readonly publishers: Readonly<Record<string, pulumi.Input<string>>>;
}

/** A consumer's queues. */
export interface ConsumerQueues {
  readonly queueUrl: pulumi.Output<string>;
  readonly queueArn: pulumi.Output<string>;
  readonly deadLetterQueueUrl: pulumi.Output<string>;
  readonly deadLetterQueueArn: pulumi.Output<string>;
}

/**
 * The event bus between services: a KMS-encrypted EventBridge bus whose policy admits
 * only the publishing services' roles (each for its own `source` and event types), one
 * rule per event type, and per consumer a KMS-encrypted SQS queue with a dead-letter
 * queue, whose policies admit only the rules that feed them. Payloads are CloudEvents 1.0
 * (docs/events.md).
 */
export class EventBus extends pulumi.ComponentResource {
  public readonly busArn: pulumi.Output<string>;
  public readonly busName: pulumi.Output<string>;
  /** The key of the bus and the queues. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** Each consumer's queues. */
  public readonly queues: Readonly<Record<string, ConsumerQueues>>;

  constructor(name: string, args: EventBusArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:EventBus", name, {}, opts);
    const stateful = { parent: this, protect: args.protect ?? false };
    const awsName = `${args.namePrefix}-events`;
    const key = createKmsKey(
      `${name}-key`,
      {
        description: `${awsName}: the event bus and the service queues`,
        identity: args.identity,
        services: [{ service: "events.amazonaws.com", condition: { StringEquals: { "aws:SourceAccount": args.identity.accountId } } }],
        alias: `${args.namePrefix}/events`,
      },
      stateful,
    );
    const bus = new aws.cloudwatch.EventBus(
      `${name}-bus`,
      { name: awsName, description: `${awsName}: CloudEvents 1.0 between the services.`, kmsKeyIdentifier: key.arn, tags: { Name: awsName } },
      { parent: this },
    );
    const publishing = Object.entries(args.publishers).filter(([service]) => args.routes.some((r) => r.publisher === service));
    if (publishing.length) {
      new aws.cloudwatch.EventBusPolicy(
        `${name}-bus-policy`,
        {
          eventBusName: bus.name,
          policy: policyDocument(
            publishing.map(([service, roleArn]) => ({
              Sid: `${service.replace(/[^A-Za-z0-9]/g, "")}Publishes`,
              Effect: "Allow",
              Principal: { AWS: roleArn },
              Action: "events:PutEvents",
              Resource: bus.arn,
              Condition: {
                StringEquals: { "events:source": eventSource(service), "events:detail-type": args.routes.filter((r) => r.publisher === service).map((r) => r.event) },
              },
            })),
          ),
        },
        { parent: this },
      );
    }

    const rules = new Map<string, aws.cloudwatch.EventRule>();
    for (const route of args.routes) {
      rules.set(
        route.event,
        new aws.cloudwatch.EventRule(
          `${name}-${route.event}`,
          {
            name: `${awsName}-${route.event}`,
            description: `${route.event} from ${route.publisher} to ${route.consumers.join(", ")}.`,
            eventBusName: bus.name,
            eventPattern: eventPattern(route),
            state: "ENABLED",
          },
          { parent: this },
        ),
      );
    }

    const consumers = [...new Set(args.routes.flatMap((r) => r.consumers))].sort();
    const queues: Record<string, ConsumerQueues> = {};
    for (const consumer of consumers) {
      const feeding = args.routes.filter((r) => r.consumers.includes(consumer)).map((r) => rules.get(r.event) as aws.cloudwatch.EventRule);
      const ruleArns = feeding.map((r) => r.arn);
      const dlq = new aws.sqs.Queue(
        `${name}-${consumer}-dlq`,
        { name: `${awsName}-${consumer}-dlq`, kmsMasterKeyId: key.arn, kmsDataKeyReusePeriodSeconds: 300, messageRetentionSeconds: 1_209_600, tags: { Name: `${awsName}-${consumer}-dlq` } },
        stateful,
      );
      const queue = new aws.sqs.Queue(
        `${name}-${consumer}-queue`,
        {
          name: `${awsName}-${consumer}`,
          kmsMasterKeyId: key.arn,
          kmsDataKeyReusePeriodSeconds: 300,
          messageRetentionSeconds: 345_600,
          visibilityTimeoutSeconds: 60,
          redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }),
          tags: { Name: `${awsName}-${consumer}` },
        },
        stateful,
      );
      for (const [role, q] of [["queue", queue], ["dlq", dlq]] as const) {
        new aws.sqs.QueuePolicy(
          `${name}-${consumer}-${role}-policy`,
          {
            queueUrl: q.url,
            policy: policyDocument([
              {
                Sid: "OnlyItsRules",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sqs:SendMessage",
                Resource: q.arn,
                Condition: { ArnEquals: { "aws:SourceArn": ruleArns } },
              },
              { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: q.arn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
            ]),
          },
          { parent: this },
        );
      }
      feeding.forEach((rule) => {
        const event = args.routes.find((r) => rules.get(r.event) === rule)?.event as string;
        new aws.cloudwatch.EventTarget(
          `${name}-${event}-to-${consumer}`,
          {
            rule: rule.name,
            eventBusName: bus.name,
            targetId: consumer,
            arn: queue.arn,
            deadLetterConfig: { arn: dlq.arn },
            retryPolicy: { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 },
          },
          { parent: this },
        );
      });
      queues[consumer] = { queueUrl: queue.url, queueArn: queue.arn, deadLetterQueueUrl: dlq.url, deadLetterQueueArn: dlq.arn };
    }

    this.busArn = bus.arn;
    this.busName = bus.name;
    this.kmsKeyArn = key.arn;
    this.queues = queues;
    this.registerOutputs({ busArn: this.busArn, kmsKeyArn: this.kmsKeyArn, queues: this.queues });
  }
}
