import * as pulumi from "@pulumi/pulumi";

export interface KubeconfigArgs {
  /** The EKS cluster's name. */
  readonly clusterName: pulumi.Input<string>;
  /** The API server endpoint (`https://...`). */
  readonly endpoint: pulumi.Input<string>;
  /** The cluster CA, base64-encoded PEM, as EKS returns it. */
  readonly certificateAuthorityData: pulumi.Input<string>;
  /** The cluster's region, passed to `aws eks get-token`. */
  readonly region: string;
}

/**
 * A kubeconfig that authenticates with `aws eks get-token` (exec, v1beta1): no static
 * credential is stored, the token is minted per use from the caller's AWS identity.
 * Returned as a secret all the same: it names the endpoint and the CA.
 */
export function kubeconfig(args: KubeconfigArgs): pulumi.Output<string> {
  const name = "eks";
  return pulumi.secret(
    pulumi.jsonStringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name, cluster: { server: args.endpoint, "certificate-authority-data": args.certificateAuthorityData } }],
      contexts: [{ name, context: { cluster: name, user: name } }],
      "current-context": name,
      users: [
        {
          name,
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1beta1",
              command: "aws",
              args: ["eks", "get-token", "--cluster-name", args.clusterName, "--region", args.region, "--output", "json"],
              interactiveMode: "Never",
            },
          },
        },
      ],
    }),
  );
}
