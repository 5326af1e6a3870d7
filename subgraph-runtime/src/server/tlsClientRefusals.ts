import type { Socket } from 'node:net';
import type { Server as TlsServer, TLSSocket } from 'node:tls';
import type { Logger } from '@linju/observability';

/** How long the same refusal of the same address stays unsaid after it was logged. */
export const TLS_REFUSAL_QUIET_MS = 10 * 60_000;

/** The refusals remembered for that, at most. */
const MAX_REMEMBERED = 1_000;

/**
 * Why this subgraph refused a client's TLS handshake, in the operator's terms with what to check, by
 * Node's and OpenSSL's codes: `code` is the handshake's error, `authorizationError` the check of the
 * client's certificate against LINJU_TLS_CLIENT_CA (set when it was presented and not accepted).
 * `undefined` for a connection closed before a handshake (a TCP probe, a client gone away): nothing
 * to tell.
 */
export function tlsRefusalCause(code: string | undefined, authorizationError: string | undefined): string | undefined {
  if (authorizationError) {
    switch (authorizationError) {
      case 'CERT_HAS_EXPIRED':
        return 'its client certificate has expired';
      case 'CERT_NOT_YET_VALID':
        return 'its client certificate is not valid yet';
    }
    return `its client certificate is not one this subgraph's LINJU_TLS_CLIENT_CA signed (${authorizationError}): the gateway's LINJU_GATEWAY_TLS_CERT must be`;
  }
  switch (code) {
    case undefined:
    case 'ECONNRESET':
      return undefined;
    case 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE':
      return 'it presented no client certificate, which LINJU_TLS_CLIENT_CA requires: set the gateway\'s LINJU_GATEWAY_TLS_CERT and LINJU_GATEWAY_TLS_KEY';
    case 'ERR_SSL_HTTP_REQUEST':
      return 'it sent plain HTTP to this HTTPS port: its URL of this subgraph must begin with https://';
    case 'ERR_SSL_UNSUPPORTED_PROTOCOL':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_NO_SHARED_CIPHER':
    case 'ERR_SSL_NO_PROTOCOLS_AVAILABLE':
      return 'it offers no TLS version or cipher this subgraph accepts (TLS 1.2 or later)';
  }
  return `its TLS handshake failed (${code})`;
}

/**
 * Why a client refused this subgraph's own certificate, by the TLS alert it sent (OpenSSL's code of
 * an alert received, `ERR_SSL_…_ALERT_…`), in the operator's terms with what to check; `undefined`
 * for a code that is no such alert. Such a handshake failed on the client's side: it is this
 * subgraph's certificate (LINJU_TLS_CERT) to look at, not the client.
 */
export function ownCertificateRefusal(code: string | undefined): string | undefined {
  switch (code) {
    case 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED':
      return `it says the certificate has expired or is not valid yet (${code}): renew LINJU_TLS_CERT, or check this host's clock`;
    case 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA':
      return `it does not trust the CA that signed it (${code}): the client's CA (the gateway's LINJU_SUBGRAPH_CA) must be the one that signed LINJU_TLS_CERT`;
    case 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE':
    case 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN':
    case 'ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE':
    case 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED':
      return `it did not accept it (${code}): check LINJU_TLS_CERT's dates, its names (the host of the client's URL of this subgraph) and its CA`;
  }
  return undefined;
}

/**
 * Logs, at warn, each TLS client this subgraph's HTTPS server refuses, and each client that refuses
 * this subgraph's certificate (said as that, see {@link ownCertificateRefusal}): the gateway learns only that
 * it was refused, and an operator reading the subgraph's log learns from whom and why. The same
 * refusal of the same address is said once per {@link TLS_REFUSAL_QUIET_MS}, with how many were
 * not said since (a misconfigured gateway retries, a scanner knocks): the log cannot be flooded.
 */
export function logTlsClientRefusals(server: TlsServer, logger: Logger, now: () => number = Date.now): void {
  const said = new Map<string, { at: number; since: number }>();
  // A socket destroyed in its handshake can no longer say its peer: each connection's is noted as it
  // comes, by the connection the TLS socket wraps (Node's `_parent`).
  const peers = new WeakMap<Socket, string>();
  server.on('connection', (connection: Socket) => {
    if (connection.remoteAddress) peers.set(connection, connection.remoteAddress);
  });
  server.on('tlsClientError', (error: NodeJS.ErrnoException, socket: TLSSocket) => {
    const authorizationError = socket.authorizationError ? String(socket.authorizationError) : undefined;
    const oursRefused = authorizationError ? undefined : ownCertificateRefusal(error.code);
    const cause = oursRefused ?? tlsRefusalCause(error.code, authorizationError);
    if (!cause) return;
    const connection = (socket as TLSSocket & { _parent?: Socket })._parent;
    const address = socket.remoteAddress ?? (connection && peers.get(connection)) ?? 'an unknown address';
    const code = authorizationError ?? error.code;
    const key = `${address} ${code}`;
    const last = said.get(key);
    if (last && now() - last.at < TLS_REFUSAL_QUIET_MS) {
      last.since++;
      return;
    }
    const repeated = last?.since ? ` (${last.since} more refused the same way since the last line)` : '';
    // Bounded however many addresses knock: what is past its quiet time is forgotten first.
    if (said.size >= MAX_REMEMBERED) for (const [other, entry] of said) if (now() - entry.at >= TLS_REFUSAL_QUIET_MS || said.size >= MAX_REMEMBERED) said.delete(other);
    said.set(key, { at: now(), since: 0 });
    const line = oursRefused ? `A client at ${address} refused this subgraph's certificate: ${cause}${repeated}` : `Refused a TLS client at ${address}: ${cause}${repeated}`;
    logger.warn({ reason: 'tls', code, client: address }, line);
  });
}
