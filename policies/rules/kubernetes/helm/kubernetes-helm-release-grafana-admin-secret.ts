import * as k8s from "@pulumi/kubernetes";
import { at } from "../../../lib/capacity";
import { resourcePolicyOfTypes } from "../../../lib/resource";
import { known } from "../../../lib/unknown";

/**
 * Where a chart keeps Grafana's values: the grafana chart at the root, kube-prometheus-stack
 * under `grafana` (unless `grafana.enabled` is false).
 */
function grafanaValues(props: Record<string, any>): Record<string, unknown> | undefined {
  const chart = String(known(() => props.chart) ?? "").split("/").pop() ?? "";
  const values = (known(() => props.values) ?? {}) as Record<string, unknown>;
  if (chart === "grafana") return values;
  if (chart === "kube-prometheus-stack") {
    const g = (values.grafana ?? {}) as Record<string, unknown>;
    return g.enabled === false ? undefined : g;
  }
  return undefined;
}

const set = (v: unknown) => typeof v === "string" && v !== "";

/**
 * Grafana's admin password comes from a Kubernetes Secret (`admin.existingSecret`), never
 * from the release's values (which the state and `helm get values` keep in plain text, and
 * where kube-prometheus-stack's default is the public `prom-operator`), and anonymous
 * access is off.
 */
export const kubernetesHelmReleaseGrafanaAdminSecret = resourcePolicyOfTypes(
  {
    name: "kubernetes-helm-release-grafana-admin-secret",
    description:
      "Helm releases of Grafana (the grafana chart, or kube-prometheus-stack's Grafana) read the admin credentials from a Kubernetes Secret (admin.existingSecret), set no admin password in the values (adminPassword, grafana.ini security.admin_password) and keep anonymous access off.",
    severity: "high",
    remediationSteps:
      "Generate the password (e.g. @pulumi/random) into a Kubernetes Secret, set admin.existingSecret, admin.userKey and admin.passwordKey, set adminPassword to null, and leave grafana.ini auth.anonymous.enabled false.",
    frameworks: ["platform"],
  },
  [k8s.helm.v3.Release, k8s.helm.v4.Chart],
  (props) => {
    const g = grafanaValues(props);
    if (!g) return undefined;
    const problems: string[] = [];
    if (!set(at(g, "admin.existingSecret"))) problems.push("Grafana's admin credentials do not come from a Secret (admin.existingSecret is unset), so the chart's values password is used.");
    if (set(g.adminPassword)) problems.push("Grafana's admin password is set in the release's values (adminPassword), in plain text in the state.");
    // grafana.ini's section names contain dots (`auth.anonymous`): read them as keys, not paths.
    const ini = (g["grafana.ini"] ?? {}) as Record<string, Record<string, unknown> | undefined>;
    if (set(ini.security?.admin_password)) problems.push("Grafana's admin password is set in grafana.ini (security.admin_password), in plain text in the state.");
    const anonymous = ini["auth.anonymous"]?.enabled;
    if (anonymous === true || anonymous === "true") problems.push("Grafana allows anonymous access (grafana.ini auth.anonymous.enabled).");
    return problems;
  },
);
