import http from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Socket } from 'node:net';
import { SubgraphFetchError, TLS_CLOSED_IN_HANDSHAKE } from './SubgraphFetchError.ts';
import { tlsFailureKind } from './subgraphFailure.ts';
import { SubgraphHeaders, SubgraphResponse } from './SubgraphResponse.ts';

/**
 * TLS towards subgraphs served over https: the CA their certificates must chain to (otherwise the
 * system's), and the gateway's own certificate and key for mutual TLS (PEM text). Every
 * certificate is verified, its name or address against the URL's; nothing turns that off.
 */
export interface SubgraphClientTls {
  /** `LINJU_SUBGRAPH_CA`: the CA (or bundle) that signs the subgraphs' certificates. @default Node's trusted CAs */
  ca?: string;
  /** `LINJU_GATEWAY_TLS_CERT`: presented to a subgraph that asks for a client certificate. */
  cert?: string;
  /** `LINJU_GATEWAY_TLS_KEY`: the key of `cert`. */
  key?: string;
}

/** How the gateway talks HTTP to one subgraph. */
export interface SubgraphFetcherOptions {
  /** The longest one request may take, from sending to the last byte of the answer. */
  timeoutMs: number;
  /** Connections open at once to the subgraph; requests beyond wait for one. @default 64 */
  maxSockets?: number;
  /**
   * How long an idle connection is kept for the next request. Below Node's server default
   * keep-alive timeout (5 s), so the gateway drops a connection before the subgraph does and never
   * sends on one the subgraph is closing. @default 4000
   */
  idleSocketMs?: number;
  /** For https URLs. @default Node's trusted CAs, no client certificate */
  tls?: SubgraphClientTls;
}

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** A `fetcher` for Apollo's data source over a pool of kept-alive connections, and how to close the pool. */
export interface SubgraphFetcher {
  readonly fetch: Fetcher;
  /** Closes every pooled connection (the gateway is stopping). */
  close(): void;
}

/**
 * The gateway's HTTP client for one subgraph: keep-alive connection pooling (Node's `http.Agent`,
 * so a request does not pay a TCP handshake, and instrumentation of `node:http` sees it) and a
 * hard timeout per request. Failures are {@link SubgraphFetchError}s saying whether the
 * subgraph was unreachable or too slow; an HTTP answer of any status is returned as it is, as a
 * {@link SubgraphResponse} over the bytes received.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, maxFreeSockets: 16, timeout: options.idleSocketMs ?? 4000, scheduling: 'lifo' as const };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent({ ...agentOptions, ...options.tls, rejectUnauthorized: true }) };
  const { timeoutMs } = options;
  // The TLS connections a session ticket came on: the subgraph accepted their handshake.
  const accepted = new WeakSet<Socket>();

  const fetch = (url: string, init: FetcherRequestInit = {}): Promise<FetcherResponse> =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        reject(new SubgraphFetchError('connection', `unsupported protocol ${target.protocol}`, undefined, undefined, false));
        return;
      }
      const body = init.body;
      const headers: Record<string, string> = { ...init.headers };
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const send = target.protocol === 'https:' ? https.request : http.request;
      const request = send(target, { method: init.method ?? 'GET', headers, agent: agents[target.protocol] });
      // Whether a failure could be the subgraph refusing the handshake: a new TLS connection whose
      // handshake the gateway finished, that got no answer byte and no session ticket (see
      // TLS_CLOSED_IN_HANDSHAKE). One closed before the handshake finished (a TCP proxy with no
      // server behind it) and a kept-alive one reset mid-request are lost connections, as over http.
      let newTlsConnection: Socket | undefined;
      let handshaken = false;
      let answered = false;
      // Whether a connection was open (over https: its handshake done) to send the request on: until
      // then nothing of it reached the subgraph (see SubgraphFetchError's reachedSubgraph).
      let connected = false;
      request.on('socket', (socket: Socket) => {
        if (request.reusedSocket) connected = true;
        else if (target.protocol === 'https:') socket.once('secureConnect', () => (connected = true));
        else if (socket.connecting) socket.once('connect', () => (connected = true));
        else connected = true;
        if (target.protocol !== 'https:' || request.reusedSocket) return;
        newTlsConnection = socket;
        socket.once('secureConnect', () => (handshaken = true));
        socket.once('session', () => accepted.add(socket));
      });
      const codeOf = (error: NodeJS.ErrnoException): string => {
        const code = error.code ?? 'ECONNRESET';
        const closedInHandshake = handshaken && newTlsConnection !== undefined && !accepted.has(newTlsConnection) && !answered && (code === 'ECONNRESET' || code === 'EPIPE');
        return closedInHandshake ? TLS_CLOSED_IN_HANDSHAKE : code;
      };
      // A subgraph that refused the handshake of a new connection (an alert, or TLS_CLOSED_IN_HANDSHAKE) did not read the request either.
      const lost = (message: string, code: string) => {
        const refusedInHandshake = newTlsConnection !== undefined && !accepted.has(newTlsConnection) && tlsFailureKind(code) !== undefined;
        return new SubgraphFetchError('connection', message, code, undefined, answered || (connected && !refusedInHandshake));
      };
      let done = false;
      const finish = (outcome: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        outcome();
      };
      const fail = (error: SubgraphFetchError) => finish(() => reject(error));
      const timer = setTimeout(() => {
        fail(new SubgraphFetchError('timeout', `no answer within ${timeoutMs} ms`, undefined, timeoutMs, connected));
        // The connection is given up, not returned to the pool: a late answer must not be read as the next one's.
        request.destroy();
      }, timeoutMs);
      request.on('error', (error: NodeJS.ErrnoException) => fail(lost(error.message, codeOf(error))));
      request.on('response', (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error: NodeJS.ErrnoException) => fail(lost(error.message, error.code ?? 'ECONNRESET')));
        response.on('aborted', () => fail(lost('the answer was cut off', 'ECONNRESET')));
        response.on('end', () => {
          if (!response.complete) return fail(lost('the answer was cut off', 'ECONNRESET'));
          const status = response.statusCode ?? 502;
          finish(() => resolve(new SubgraphResponse(Buffer.concat(chunks), status, response.statusMessage ?? '', new SubgraphHeaders(response.rawHeaders), url) as unknown as FetcherResponse));
        });
      });
      request.end(body);
    });

  return {
    fetch,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
