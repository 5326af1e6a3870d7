import { expect, test } from 'vitest';
import { isCertificateRejection } from '../src/index.ts';

test('a peer certificate this process refused, by Node’s codes, and not the peer refusing this process’s', () => {
  for (const code of ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_REVOKED', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH', 'INVALID_CA', 'CRL_HAS_EXPIRED']) {
    expect(isCertificateRejection(code), code).toBe(true);
  }
  // Alerts the peer sent about this process's certificate, and failures that are not about certificates.
  for (const code of ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED', 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'ECONNRESET', 'ECONNREFUSED', undefined, 42]) {
    expect(isCertificateRejection(code), String(code)).toBe(false);
  }
});
