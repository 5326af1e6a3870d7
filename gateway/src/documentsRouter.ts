import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { RequestHandler, Response } from 'express';
import { NOTICE_HEADER } from '@linju/contract/documentsNotice';
import { LATENCY_BUCKETS, type Logger, REQUEST_ID_HEADER, requestIdFrom, requestLineFields, secondsSince } from '@linju/observability';
import { clientAddress } from '@linju/observability/clientAddress';
import { Counter, Histogram, type Registry } from 'prom-client';
import { DOCUMENTS_MEMBER, type MemberStates } from './health/memberStates.ts';

/** What goes on to the documents server: the caller's token and what describes the body, nothing else of the browser's (and the request's ID). */
const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'content-length', 'accept'] as const;
/** What comes back: what the download or the JSON refusal needs, and what the clerk must know beside a download (NOTICE_HEADER). */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'content-disposition', 'cache-control', 'x-content-type-options', NOTICE_HEADER] as const;

const UNAVAILABLE = {
  code: 'DOCUMENTS_UNAVAILABLE',
  message: '文档服务（导入、导出、简报）暂不可用，请稍后重试；其他功能不受影响。 / The documents server is not reachable.',
};

function pick(headers: IncomingHttpHeaders, names: readonly string[]): Record<string, string | string[]> {
  return Object.fromEntries(names.flatMap((name) => (headers[name] === undefined ? [] : [[name, headers[name]!]])));
}

/** `path` (`/ready`, `/documents/export?…`) under the documents server's URL's own prefix if it has one. */
function underPrefix(target: URL, path: string): string {
  return `${target.pathname.replace(/\/$/, '')}${path}`;
}

/** `path` at the documents server (`/ready` → `http://127.0.0.1:4020/ready`). */
export function documentsAddress(documentsUrl: string, path: string): string {
  const target = new URL(documentsUrl);
  return `${target.origin}${underPrefix(target, path)}`;
}

/** What the gateway says of its `/documents/` requests: its log (a line per request, as for `/graphql`), its metrics, and the documents server's state. */
export interface DocumentsRouterOptions {
  /** @default none: no request line */
  logger?: Logger;
  /** Where `linju_gateway_documents_requests_total{status}` and `linju_gateway_documents_request_duration_seconds` go. */
  registry?: Registry;
  /** Told whether the documents server answered (the warning when it becomes unreachable, the line when it is back). */
  members?: MemberStates;
  /** The balancers whose `X-Forwarded-For` names the client in the request line (`LINJU_TRUSTED_PROXIES`), as for `/graphql`. @default none: the socket's peer */
  trustedProxies?: ReadonlySet<string>;
}

function documentsMetrics(registry: Registry | undefined) {
  if (!registry) return undefined;
  return {
    requests: new Counter({ name: 'linju_gateway_documents_requests_total', help: "Requests to /documents/ the gateway passed on to the documents server, by the status the client got (503: the documents server unreachable)", labelNames: ['status'], registers: [registry] }),
    duration: new Histogram({ name: 'linju_gateway_documents_request_duration_seconds', help: 'Time from a /documents/ request to the end of its answer (a download streamed whole), in seconds', buckets: LATENCY_BUCKETS, registers: [registry] }),
  };
}

function unavailable(response: Response): void {
  if (response.headersSent) {
    // A download cut half-way: the browser must not keep it as whole.
    response.destroy();
    return;
  }
  response.status(503).set('Cache-Control', 'no-store').json(UNAVAILABLE);
}

/**
 * `/documents/` on the gateway's origin, passed through to the documents server (ledger/src/server,
 * `LINJU_DOCUMENTS_URL`): uploads and downloads stream both ways, unread and unbuffered, so the
 * dashboard calls its own origin and its Content-Security-Policy stays `connect-src 'self'`. The
 * documents server checks nothing itself: the caller's Authorization goes on to it and from it,
 * with each read and write, back to the gateway's `/graphql`. While it is down: 503 in Chinese.
 * Each request gets its ID (passed on, and returned in `x-request-id`) and one `request` line in
 * the gateway's log with its client and status, as a GraphQL request does (never its query string,
 * which names files). The gateway imports none of its packages (exceljs, docx, ECharts).
 */
export function documentsRouter(documentsUrl: string, options: DocumentsRouterOptions = {}): RequestHandler {
  const target = new URL(documentsUrl);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const { logger, members, trustedProxies = new Set<string>() } = options;
  const metrics = documentsMetrics(options.registry);
  return (request, response) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    // Who downloaded (an export of personal data), read now: once the connection is closed its socket names no peer.
    const client = clientAddress(request, trustedProxies);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    // Why the answer is not the documents server's own, if it is not.
    let failure: 'DOCUMENTS_UNAVAILABLE' | 'DOCUMENTS_CUT_OFF' | undefined;
    response.once('close', () => {
      const completed = response.writableFinished;
      const status = response.statusCode;
      const errorCodes = failure ? [failure] : completed ? [] : ['CLIENT_CLOSED_REQUEST'];
      const seconds = secondsSince(started);
      metrics?.requests.inc({ status: String(status) });
      metrics?.duration.observe(seconds);
      logger?.[status >= 500 || failure ? 'warn' : 'info']({ ...requestLineFields({ requestId, method: request.method, client, path: `${request.baseUrl}${request.path}`, status, seconds }), errorCodes }, 'request');
    });
    const upstream = send(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: request.method,
        // The path as the browser asked it (`/documents/...?...`), under the target's own prefix if it has one.
        path: underPrefix(target, request.originalUrl),
        headers: { ...pick(request.headers, FORWARDED_REQUEST_HEADERS), [REQUEST_ID_HEADER]: requestId },
      },
      (answer) => {
        members?.up(DOCUMENTS_MEMBER);
        response.status(answer.statusCode ?? 502).set(pick(answer.headers, FORWARDED_RESPONSE_HEADERS));
        answer.pipe(response);
        answer.once('error', () => {
          // It answered, then cut its answer (a document that failed half-way, or the server stopped).
          failure = 'DOCUMENTS_CUT_OFF';
          response.destroy();
        });
      },
    );
    upstream.once('error', () => {
      if (response.headersSent) {
        failure ??= 'DOCUMENTS_CUT_OFF';
      } else if (!response.destroyed) {
        failure = 'DOCUMENTS_UNAVAILABLE';
        members?.down(DOCUMENTS_MEMBER, 'unreachable');
      }
      unavailable(response);
    });
    // The browser gave up (closed the tab, cancelled a download): so does the documents server.
    response.once('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
    request.pipe(upstream);
  };
}
