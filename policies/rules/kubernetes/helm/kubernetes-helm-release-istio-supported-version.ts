import * as k8s from "@pulumi/kubernetes";
import { resourcePolicyOfTypes } from "../../../lib/resource";
import { AS_OF_CONFIG_SCHEMA, CalendarConfig, supportProblem } from "../../../lib/supportCalendar";
import { known } from "../../../lib/unknown";

/** The charts of an Istio install. */
const ISTIO_CHARTS = ["base", "istiod", "gateway", "cni", "ztunnel"] as const;

/** True when a release installs an Istio chart: from Istio's repository, or named `istio/<chart>`. */
function isIstioChart(props: Record<string, any>): boolean {
  const chart = String(known(() => props.chart) ?? "");
  const repo = String(known(() => props.repositoryOpts?.repo) ?? "");
  const name = chart.split("/").pop() ?? chart;
  if (!(ISTIO_CHARTS as readonly string[]).includes(name)) return false;
  return repo.includes("istio-release") || chart.startsWith("istio/") || name === "istiod";
}

/** Istio is installed at a minor version the Istio project still supports. */
export const kubernetesHelmReleaseIstioSupportedVersion = resourcePolicyOfTypes(
  {
    name: "kubernetes-helm-release-istio-supported-version",
    description:
      "Helm releases of Istio's charts (base, istiod, gateway, cni, ztunnel) pin a version whose minor is still supported by the Istio project on the configured as-of date of the support calendar.",
    severity: "high",
    remediationSteps: "Set version on every Istio release to a patch of a supported minor (one version for all Istio charts) and upgrade before the minor's end of life.",
    frameworks: ["IST supported-releases"],
    configSchema: AS_OF_CONFIG_SCHEMA,
  },
  [k8s.helm.v3.Release, k8s.helm.v4.Chart],
  (props, args) => {
    if (!isIstioChart(props)) return undefined;
    const { asOf } = args.getConfig<CalendarConfig>();
    const version = known(() => props.version);
    if (typeof version !== "string" || version === "") return "The Istio chart has no pinned version, so Helm installs whatever is newest.";
    return supportProblem("istio", version, asOf);
  },
);
