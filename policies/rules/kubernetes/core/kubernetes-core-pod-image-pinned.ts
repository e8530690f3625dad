import { containerPolicy } from "../../../lib/pods";

/** Images are pinned by tag or digest, never latest. */
export const kubernetesCorePodImagePinned = containerPolicy(
  {
    name: "kubernetes-core-pod-image-pinned",
    description: "Every container image is pinned by a tag other than latest, or better by digest.",
    severity: "medium",
    remediationSteps: "Reference images as registry/name:1.2.3 or registry/name@sha256:<digest>.",
    frameworks: ["KYV disallow-latest-tag", "CKV_K8S_14", "CKV_K8S_43", "POL tagNotSpecified", "KS container-image-tag"],
  },
  (c) => {
    const image = c.container.image ?? "";
    if (image.includes("@sha256:")) return undefined;
    const last = image.split("/").pop() ?? "";
    const tag = last.includes(":") ? last.slice(last.indexOf(":") + 1) : "";
    if (!tag) return `uses image ${image || "(none)"} with no tag.`;
    return tag === "latest" ? `uses image ${image} tagged latest.` : undefined;
  },
);
