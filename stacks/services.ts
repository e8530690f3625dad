import { z } from "zod";
import { ServiceDataSettings } from "../components/data/settings";
import { Workload, cpuMillis, routePrefix } from "../components/microservice/workload";
import { DNS_NAME, publicCidrSchema } from "./compute";
import { conforms } from "./conforms";
import { serviceDataSchema } from "./data";

/** A service name: a DNS label (it names the namespace, service account and IAM role). */
const SERVICE_NAME = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;
/** Namespaces a service may not take: the cluster's and the mesh's own. */
const RESERVED_NAMES = ["default", "kube-system", "kube-public", "kube-node-lease", "istio-system", "istio-ingress"] as const;
/** Ports the Istio sidecar listens on inside every pod. */
const SIDECAR_PORTS = { from: 15000, to: 15090 } as const;
/** Env var names that look like they carry a secret; those belong under `secrets`. */
const SECRET_LIKE_ENV = /(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_?KEY)/i;

/** Why an image reference is not pinned, or `undefined` when it is pinned by tag or digest. */
export function imageProblem(image: string): string | undefined {
  const digest = /@sha256:[a-f0-9]{64}$/.exec(image);
  const ref = digest ? image.slice(0, digest.index) : image;
  if (!/^[a-z0-9]+([._-][a-z0-9]+)*(:\d+)?(\/[a-z0-9]+([._/-][a-z0-9]+)*)*(:[\w][\w.-]{0,127})?$/.test(ref) || image.includes("@") && !digest) {
    return "is not an image reference such as registry/name:tag or registry/name@sha256:<digest>";
  }
  const lastSlash = ref.lastIndexOf("/");
  const colon = ref.indexOf(":", lastSlash + 1);
  const tag = colon >= 0 ? ref.slice(colon + 1) : undefined;
  if (tag === "latest") return "uses the tag latest, which is not pinned";
  if (!tag && !digest) return "has no tag or digest, so it means latest";
  return undefined;
}

/** A public IPv4 block an external host resolves to: what a NetworkPolicy can name instead of the host. */
const egressCidr = publicCidrSchema(
  { wide: "is wider than /8, which opens the pods to the internet", private: "is a private range; external hosts are public" },
  "a public IPv4 CIDR of /8 or narrower, e.g. a range the provider publishes for its API (never 0.0.0.0/0)",
);

const memoryQuantity = z
  .string()
  .regex(/^[1-9]\d*(Mi|Gi)$/)
  .describe("a memory quantity in Mi or Gi, e.g. 256Mi or 1Gi");
const cpuQuantity = z
  .string()
  .regex(/^([1-9]\d*m|\d+(\.\d{1,3})?)$/)
  .refine((q) => cpuMillis(q) > 0, "is zero")
  .describe("a CPU quantity in millicores or cores, e.g. 250m or 1");
const httpPath = z
  .string()
  .regex(/^\/[A-Za-z0-9._~\/-]*$/)
  .describe("an absolute HTTP path such as /healthz");

/**
 * One service's settings, as `services.<name>` holds them: its workload (what
 * MicroservicePod reads) and, merged in, its data needs (what DataTier reads).
 */
export const serviceSchema = conforms<Workload & ServiceDataSettings>()(
  z
    .object({
      /**
       * The container image, pinned by tag or digest.
       * @default - none: each service sets it.
       */
      image: z
        .string()
        .superRefine((image, ctx) => {
          const problem = imageProblem(image);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        })
        .describe("an image pinned by tag or digest, e.g. ghcr.io/acme/user:1.4.2 or ghcr.io/acme/user@sha256:<64 hex> (never latest, never untagged)"),
      /**
       * The port the container serves HTTP on, also the Service's port.
       * @default - none: each service sets it.
       */
      port: z
        .number()
        .int()
        .min(1024)
        .max(65535)
        .refine((p) => p < SIDECAR_PORTS.from || p > SIDECAR_PORTS.to, "is an Istio sidecar port")
        .describe(`a whole number from 1024 to 65535, outside the sidecar's ${SIDECAR_PORTS.from}-${SIDECAR_PORTS.to}`),
      /**
       * The HPA's bounds (at least 2 for the PodDisruptionBudget).
       * @default - see its fields.
       */
      replicas: z
        .object({
          /**
           * The fewest replicas.
           * @default - 2 (SERVICE_DEFAULTS, stacks/profiles.ts).
           */
          min: z.number().int().min(2).max(50).describe("a whole number from 2 to 50"),
          /**
           * The most replicas the HPA scales to.
           * @default - 6 (SERVICE_DEFAULTS, stacks/profiles.ts).
           */
          max: z.number().int().min(2).max(50).describe("a whole number from 2 to 50, at least replicas.min"),
        })
        .strict()
        .describe("min and max, for the HPA"),
      /**
       * The container's CPU request (a Kubernetes quantity; no CPU limit).
       * @default - `250m` (SERVICE_DEFAULTS, stacks/profiles.ts).
       */
      cpu: cpuQuantity,
      /**
       * The container's memory request and limit (a Kubernetes quantity).
       * @default - `256Mi` (SERVICE_DEFAULTS, stacks/profiles.ts).
       */
      memory: memoryQuantity,
      /**
       * The API path prefix the ALB and the gateway route to the service.
       * @default - `/<service name>`.
       */
      pathPrefix: z
        .string()
        .regex(/^\/[a-z0-9-]+(\/[a-z0-9-]+)*$/)
        .optional()
        .describe("a path such as /users (lowercase segments, no trailing slash) that no other service's prefix contains or extends"),
      /**
       * The declared services allowed to call this one (AuthorizationPolicy, NetworkPolicy, Sidecar).
       * @default - none (`[]`) (SERVICE_DEFAULTS, stacks/profiles.ts).
       */
      callers: z
        .array(z.string().describe("the name of another declared service"))
        .describe("the names of the declared services allowed to call this one"),
      /**
       * External DNS names reached over TLS on 443, one ServiceEntry each.
       * @default - none (`[]`) (SERVICE_DEFAULTS, stacks/profiles.ts).
       */
      egressHosts: z
        .array(z.string().regex(DNS_NAME).describe("a lowercase DNS name without wildcards, e.g. api.stripe.com"))
        .describe("external DNS names reached over TLS on 443, one ServiceEntry each"),
      /**
       * The public CIDRs the egress hosts resolve to: a NetworkPolicy cannot name hosts.
       * @default - none (`[]`) (SERVICE_DEFAULTS, stacks/profiles.ts).
       */
      egressCidrs: z
        .array(egressCidr)
        .describe("the public IPv4 CIDRs the egressHosts resolve to, as their providers publish them: a NetworkPolicy cannot name hosts, so the pods reach only these blocks on 443"),
      /**
       * Non-secret environment variables (names that look secret are refused: use `secrets`).
       * @default - none (`{}`) (SERVICE_DEFAULTS, stacks/profiles.ts).
       */
      env: z
        .record(
          z.string(),
          z.union([z.string(), z.number(), z.boolean()]).transform(String).describe("a non-secret value"),
        )
        .describe("non-secret environment variables: NAME: value"),
      /**
       * Secrets Manager secret names mounted as files under /mnt/secrets.
       * @default - none (`[]`) (SERVICE_DEFAULTS, stacks/profiles.ts).
       */
      secrets: z
        .array(z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/).describe("a Secrets Manager secret name, e.g. platform-prod/order/payment-api-key"))
        .describe("Secrets Manager secret names mounted as files under /mnt/secrets"),
      /**
       * The HTTP path of the liveness and startup probes.
       * @default - `/healthz` (SERVICE_DEFAULTS, stacks/profiles.ts).
       */
      livenessPath: httpPath,
      /**
       * The HTTP path of the readiness probe.
       * @default - `/ready` (SERVICE_DEFAULTS, stacks/profiles.ts).
       */
      readinessPath: httpPath,
    })
    .merge(serviceDataSchema)
    .strict(),
);

/** The `services` map: service name → settings. Cross-service rules are checked here. */
export const servicesSchema = z
  .record(z.string(), serviceSchema)
  .superRefine((services, ctx) => {
    const names = Object.keys(services);
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

    const seen = new Map<string, string>();
    for (const name of names) {
      if (!SERVICE_NAME.test(name)) {
        issue([name], `is not a valid service name (${JSON.stringify(name)}): use a lowercase DNS label of at most 32 characters (a-z, 0-9, -) starting with a letter`);
      } else if ((RESERVED_NAMES as readonly string[]).includes(name) || name.startsWith("kube-")) {
        issue([name], `is a reserved name (${RESERVED_NAMES.join(", ")}, kube-*): pick another service name`);
      }
      const key = name.toLowerCase().replace(/[_.]/g, "-");
      const other = seen.get(key);
      if (other !== undefined) issue([name], `duplicates the service name ${other}: names must differ as DNS labels`);
      else seen.set(key, name);
    }

    for (const [name, s] of Object.entries(services)) {
      if (s.replicas.min > s.replicas.max) {
        issue([name, "replicas", "min"], `is greater than services.${name}.replicas.max (${s.replicas.max})`);
      }
      s.callers.forEach((caller, i) => {
        if (caller === name) issue([name, "callers", i], "is the service itself");
        else if (!names.includes(caller)) issue([name, "callers", i], `is not a declared service (declared: ${names.join(", ")})`);
      });
      if (new Set(s.callers).size !== s.callers.length) issue([name, "callers"], "repeats a caller");
      if (new Set(s.egressHosts).size !== s.egressHosts.length) issue([name, "egressHosts"], "repeats a host");
      if (new Set(s.egressCidrs).size !== s.egressCidrs.length) issue([name, "egressCidrs"], "repeats a CIDR");
      if (s.egressHosts.length > 0 && s.egressCidrs.length === 0) {
        issue([name, "egressHosts"], `lists external hosts but services.${name}.egressCidrs is empty: a NetworkPolicy cannot name hosts, so list the public CIDRs they resolve to (their providers' published ranges)`);
      } else if (s.egressHosts.length === 0 && s.egressCidrs.length > 0) {
        issue([name, "egressCidrs"], `lists CIDRs but services.${name}.egressHosts is empty, so the mesh admits no external host there`);
      }
      for (const envName of Object.keys(s.env)) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(envName)) issue([name, "env", envName], "is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
        else if (SECRET_LIKE_ENV.test(envName)) issue([name, "env", envName], "looks like a secret: declare it under secrets so it is mounted as a file");
      }
    }

    const prefixes = names.map((name) => ({ name, prefix: routePrefix(name, services[name].pathPrefix) }));
    prefixes.forEach(({ name, prefix }, i) => {
      for (const other of prefixes.slice(0, i)) {
        if (prefixesCollide(prefix, other.prefix)) {
          issue([name, "pathPrefix"], `collides with services.${other.name}.pathPrefix ${other.prefix}`);
        }
      }
    });
  });

/** Two prefixes collide when they are equal or one is a path-segment prefix of the other. */
export function prefixesCollide(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
}
