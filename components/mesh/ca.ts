import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";

/** Private keys and certificates stay secret in state, whatever the provider marks. */
const SECRET_KEY_OUTPUTS = { additionalSecretOutputs: ["privateKeyPem", "privateKeyPemPkcs8", "privateKeyOpenssh"] };

/** The validity of each certificate, in hours. */
const VALIDITY_HOURS = { root: 10 * 8760, intermediate: 5 * 8760, gateway: 8760 } as const;

export interface MeshCa {
  /** The root certificate (public). Its private key stays in state only, as a secret. */
  readonly rootCertPem: pulumi.Output<string>;
  /** The intermediate certificate istiod signs workload certificates with. */
  readonly intermediateCertPem: pulumi.Output<string>;
  /** The intermediate's private key; secret. */
  readonly intermediateKeyPem: pulumi.Output<string>;
  /** The intermediate followed by the root, as istiod's `cert-chain.pem` wants. */
  readonly certChainPem: pulumi.Output<string>;
}

/**
 * The mesh's CA: a self-signed root and an intermediate it signs, both built with
 * `@pulumi/tls` (the `tls` provider comes from `opts`). Only the intermediate goes into
 * the cluster (`cacerts`); the root's key never leaves the state.
 */
export function createMeshCa(name: string, args: { readonly organization: string; readonly trustDomain: string }, opts: pulumi.CustomResourceOptions): MeshCa {
  const rootKey = new tls.PrivateKey(`${name}-root-key`, { algorithm: "RSA", rsaBits: 4096 }, { ...opts, ...SECRET_KEY_OUTPUTS });
  const root = new tls.SelfSignedCert(
    `${name}-root`,
    {
      privateKeyPem: rootKey.privateKeyPem,
      subject: { commonName: `${args.organization} mesh root CA`, organization: args.organization },
      isCaCertificate: true,
      maxPathLength: 1,
      validityPeriodHours: VALIDITY_HOURS.root,
      allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
      setSubjectKeyId: true,
    },
    opts,
  );
  const intermediateKey = new tls.PrivateKey(`${name}-intermediate-key`, { algorithm: "RSA", rsaBits: 4096 }, { ...opts, ...SECRET_KEY_OUTPUTS });
  const request = new tls.CertRequest(
    `${name}-intermediate-csr`,
    {
      privateKeyPem: intermediateKey.privateKeyPem,
      subject: { commonName: `${args.organization} mesh intermediate CA`, organization: args.organization },
      uris: [`spiffe://${args.trustDomain}/ns/istio-system/sa/citadel`],
    },
    opts,
  );
  const intermediate = new tls.LocallySignedCert(
    `${name}-intermediate`,
    {
      certRequestPem: request.certRequestPem,
      caPrivateKeyPem: rootKey.privateKeyPem,
      caCertPem: root.certPem,
      isCaCertificate: true,
      maxPathLength: 0,
      validityPeriodHours: VALIDITY_HOURS.intermediate,
      earlyRenewalHours: 8760,
      allowedUses: ["cert_signing", "crl_signing", "digital_signature", "key_encipherment"],
      setSubjectKeyId: true,
    },
    opts,
  );
  return {
    rootCertPem: root.certPem,
    intermediateCertPem: intermediate.certPem,
    intermediateKeyPem: pulumi.secret(intermediateKey.privateKeyPem),
    certChainPem: pulumi.interpolate`${intermediate.certPem}${root.certPem}`,
  };
}

/** The `cacerts` secret's data, the layout istiod's plug-in CA reads. */
export function cacertsData(ca: MeshCa): Record<string, pulumi.Output<string>> {
  return {
    "ca-cert.pem": ca.intermediateCertPem,
    "ca-key.pem": pulumi.secret(ca.intermediateKeyPem),
    "root-cert.pem": ca.rootCertPem,
    "cert-chain.pem": ca.certChainPem,
  };
}

/**
 * The ingress gateway's serving certificate for `hosts`, issued by the mesh intermediate
 * (the edge re-encrypts to it). Renewed a month before it expires.
 */
export function createGatewayCertificate(
  name: string,
  args: { readonly hosts: readonly string[]; readonly ca: MeshCa; readonly organization: string },
  opts: pulumi.CustomResourceOptions,
): { certPem: pulumi.Output<string>; keyPem: pulumi.Output<string> } {
  const key = new tls.PrivateKey(`${name}-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { ...opts, ...SECRET_KEY_OUTPUTS });
  const request = new tls.CertRequest(
    `${name}-csr`,
    { privateKeyPem: key.privateKeyPem, subject: { commonName: args.hosts[0], organization: args.organization }, dnsNames: [...args.hosts] },
    opts,
  );
  const cert = new tls.LocallySignedCert(
    `${name}-cert`,
    {
      certRequestPem: request.certRequestPem,
      caPrivateKeyPem: args.ca.intermediateKeyPem,
      caCertPem: args.ca.intermediateCertPem,
      validityPeriodHours: VALIDITY_HOURS.gateway,
      earlyRenewalHours: 720,
      allowedUses: ["digital_signature", "key_encipherment", "server_auth"],
    },
    opts,
  );
  return { certPem: pulumi.interpolate`${cert.certPem}${args.ca.intermediateCertPem}`, keyPem: pulumi.secret(key.privateKeyPem) };
}
