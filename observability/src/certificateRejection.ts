/**
 * Node's codes for a peer's certificate this process did not accept in a TLS handshake: OpenSSL's
 * verification results (`CERT_HAS_EXPIRED`, `UNABLE_TO_GET_ISSUER_CERT_LOCALLY`,
 * `DEPTH_ZERO_SELF_SIGNED_CERT`, `INVALID_CA`, `CRL_…` …) and the name check
 * (`ERR_TLS_CERT_ALTNAME_INVALID`). Not the peer refusing this process's certificate: those are
 * alerts it sent (`ERR_SSL_…ALERT…`). One list for the gateway's subgraph calls, a subgraph's store
 * connections and the operations tools.
 */
const CERTIFICATE_REJECTION = /^(CERT_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH|INVALID_CA|INVALID_PURPOSE|PATH_LENGTH_EXCEEDED|CRL_|ERROR_IN_)/;

/** Whether `code` (an error's) says this process refused its peer's certificate. */
export function isCertificateRejection(code: unknown): boolean {
  return typeof code === 'string' && CERTIFICATE_REJECTION.test(code);
}
