import * as k8s from "@pulumi/kubernetes";
import type { ResourceValidationArgs } from "@pulumi/policy";
import { Messages, resourcePolicyOfTypes } from "./resource";
import { tokenOf } from "./tokens";
import { PlatformResourcePolicy, PolicyHeader } from "./types";

/** Every workload kind that carries a pod template, plus bare Pods. */
export const WORKLOADS = [
  k8s.apps.v1.Deployment,
  k8s.apps.v1.StatefulSet,
  k8s.apps.v1.DaemonSet,
  k8s.apps.v1.ReplicaSet,
  k8s.batch.v1.Job,
  k8s.batch.v1.CronJob,
  k8s.core.v1.Pod,
] as const;

/** The long-running workload kinds: the ones that need probes. */
export const LONG_RUNNING = [k8s.apps.v1.Deployment, k8s.apps.v1.StatefulSet, k8s.apps.v1.DaemonSet, k8s.apps.v1.ReplicaSet, k8s.core.v1.Pod] as const;

/** A container's security context, as far as Pod Security reads it. */
export interface SecurityContext {
  readonly allowPrivilegeEscalation?: boolean;
  readonly privileged?: boolean;
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly readOnlyRootFilesystem?: boolean;
  readonly seccompProfile?: { type?: string };
  readonly capabilities?: { add?: string[]; drop?: string[] };
}

/** A container of any kind. */
export interface Container {
  readonly name?: string;
  readonly image?: string;
  readonly securityContext?: SecurityContext;
  readonly env?: { name: string; value?: string; valueFrom?: unknown }[];
  readonly ports?: { containerPort?: number; hostPort?: number }[];
  readonly resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readonly readinessProbe?: unknown;
  readonly livenessProbe?: unknown;
}

/** A pod spec, as far as the policies read it. */
interface PodSpec {
  readonly containers?: Container[];
  readonly initContainers?: Container[];
  readonly ephemeralContainers?: Container[];
  readonly securityContext?: SecurityContext;
  readonly hostNetwork?: boolean;
  readonly hostPID?: boolean;
  readonly hostIPC?: boolean;
  readonly volumes?: Record<string, unknown>[];
  readonly automountServiceAccountToken?: boolean;
  readonly serviceAccountName?: string;
  readonly topologySpreadConstraints?: { topologyKey?: string }[];
}

/** A pod template: the metadata and spec every pod of a workload gets. */
export interface PodTemplate {
  readonly metadata: { labels?: Record<string, string>; annotations?: Record<string, string>; namespace?: string };
  readonly spec: PodSpec;
}

/** The pod template of a workload's inputs (a Pod's own metadata and spec). */
export function podTemplateOf(type: string, props: Record<string, any>): PodTemplate {
  const template =
    type === tokenOf(k8s.core.v1.Pod)
      ? props
      : type === tokenOf(k8s.batch.v1.CronJob)
        ? props.spec?.jobTemplate?.spec?.template
        : props.spec?.template;
  return { metadata: template?.metadata ?? {}, spec: template?.spec ?? {} };
}

/** A container with the list it came from, for messages. */
export interface NamedContainer {
  readonly container: Container;
  /** e.g. `container 'app'`, `init container 'migrate'`, `ephemeral container 'debug'`. */
  readonly label: string;
  readonly kind: "container" | "initContainer" | "ephemeralContainer";
}

/** Every container of a pod spec: containers, init containers and ephemeral containers. */
function allContainers(spec: PodSpec): NamedContainer[] {
  const named = (list: Container[] | undefined, kind: NamedContainer["kind"], word: string) =>
    (list ?? []).map((container, i) => ({ container, kind, label: `${word} '${container.name ?? `#${i + 1}`}'` }));
  return [
    ...named(spec.containers, "container", "container"),
    ...named(spec.initContainers, "initContainer", "init container"),
    ...named(spec.ephemeralContainers, "ephemeralContainer", "ephemeral container"),
  ];
}

/**
 * A policy over every workload's pod template (Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, Job, CronJob and bare Pod): the check sees the template and the args.
 */
export function podPolicy(
  header: PolicyHeader,
  check: (pod: PodTemplate, args: ResourceValidationArgs) => Messages,
  kinds: readonly (typeof WORKLOADS)[number][] = WORKLOADS,
): PlatformResourcePolicy {
  return resourcePolicyOfTypes(header, kinds, (props, args) => check(podTemplateOf(args.type, props), args));
}

/**
 * A policy that checks each container of every workload (containers, init containers
 * and ephemeral containers alike): the check returns the problem with one container, or
 * nothing; the message is prefixed with the container's label.
 */
export function containerPolicy(
  header: PolicyHeader,
  check: (c: NamedContainer, pod: PodTemplate) => string | undefined,
  opts: { kinds?: readonly (typeof WORKLOADS)[number][]; containers?: readonly NamedContainer["kind"][] } = {},
): PlatformResourcePolicy {
  const kinds = opts.containers ?? ["container", "initContainer", "ephemeralContainer"];
  return podPolicy(
    header,
    (pod) =>
      allContainers(pod.spec)
        .filter((c) => kinds.includes(c.kind))
        .map((c) => {
          const problem = check(c, pod);
          return problem ? `${c.label} ${problem}` : undefined;
        }),
    opts.kinds,
  );
}

/** A container's effective setting: its own security context, else the pod's. */
export function effective<K extends "runAsNonRoot" | "runAsUser" | "seccompProfile">(c: Container, pod: PodTemplate, key: K): SecurityContext[K] {
  return c.securityContext?.[key] ?? pod.spec.securityContext?.[key];
}
