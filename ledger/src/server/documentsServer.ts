import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOn, type Logger, REQUEST_ID_HEADER, requestIdFrom, requestLineFields, secondsSince } from '@linju/observability';
import { TokenRefused } from '../gatewayClient.ts';
import { LedgerError } from '../LedgerError.ts';
import { MAX_FILE_BYTES } from '../readLedgerFile.ts';
import { bearerToken, type DocumentsCaller } from './callerOf.ts';
import { DocumentsError } from './DocumentsError.ts';
import { IMPORT_ROUTES } from './importRoutes.ts';
import { EXPORT_ROUTES } from './exportRoutes.ts';
import { sendError } from './respond.ts';
import { serviceRoutes } from './serviceRoutes.ts';

/** One request as a route sees it: its query, the caller (token forwarded to the gateway) and the raw streams. */
export interface DocumentsRequest {
  query: URLSearchParams;
  caller: DocumentsCaller;
  request: IncomingMessage;
  response: ServerResponse;
}

/** A route: answers the request itself (JSON or a download), or throws a DocumentsError / LedgerError. */
export type DocumentsRoute = (request: DocumentsRequest) => Promise<void>;

/** `METHOD /documents/path` → route. */
const ROUTES: Readonly<Record<string, DocumentsRoute>> = { ...IMPORT_ROUTES, ...EXPORT_ROUTES };

export interface DocumentsServerOptions {
  /** The gateway's GraphQL endpoint: every read and write goes through it under the caller's token. */
  gatewayUrl: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  logger: Logger;
  /** The clock, in milliseconds, of its gateway lines' quiet window (tests pass one they move). @default Date.now */
  now?: () => number;
}

export interface RunningDocumentsServer {
  /** `http://127.0.0.1:<port>` (the routes are under `/documents/`). */
  url: string;
  stop(): Promise<void>;
}

/**
 * The documents server: ledgers in (template, preview, import), lists and figure tables out
 * (xlsx/csv), and the briefing (docx/pdf), for the dashboard, behind the gateway's `/documents/`.
 * It holds no data and no authority of its own: each request's bearer token goes on to the gateway.
 * A refusal is JSON `{ code, message }` with the message in Chinese (a refused token also the gateway's `reason`); anything unexpected is logged
 * and answered with a plain 500, never a library's text. `/health`, `/ready` and `/metrics` as
 * every Linju server (serviceRoutes.ts), unlogged; every other request one `request` line with the ID the gateway gave it.
 */
export async function startDocumentsServer(options: DocumentsServerOptions): Promise<RunningDocumentsServer> {
  const { logger, gatewayUrl } = options;
  const service = serviceRoutes(gatewayUrl, Object.keys(ROUTES), logger, options.now);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://documents');
    if (service.answer(request, response, url.pathname)) return;
    const key = `${request.method} ${url.pathname}`;
    const route = ROUTES[key];
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    response.once('finish', () => {
      const seconds = secondsSince(started);
      service.observe(route ? key : 'other', response.statusCode, seconds);
      logger.info(requestLineFields({ requestId, method: request.method, path: url.pathname, status: response.statusCode, seconds }), 'request');
    });
    if (!route) {
      const known = Object.keys(ROUTES).some((key) => key.endsWith(` ${url.pathname}`));
      sendError(response, known ? 405 : 404, known ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND', known ? '不支持该请求方法。 / Method not allowed.' : '没有这个文档接口。 / No such documents route.');
      return;
    }
    const caller: DocumentsCaller = { gatewayUrl, token: bearerToken(request) };
    route({ query: url.searchParams, caller, request, response }).catch((error: unknown) => refuse(request, response, error, logger));
  });
  // A long export streams for as long as it takes; a slow upload is cut after a minute of silence.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  const { port, address } = await listenOn(server, { port: options.port ?? 0, host: options.host ?? '127.0.0.1', portVariable: 'LINJU_DOCUMENTS_PORT' });
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** How much of a refused upload is read and dropped, so its sender reads the refusal; past it the connection is cut. */
const DRAINED_AT_MOST = 4 * MAX_FILE_BYTES;

function refuse(request: IncomingMessage, response: ServerResponse, error: unknown, logger: Logger): void {
  if (response.headersSent) {
    // A download already under way: cut it, so the browser does not keep a truncated file as whole.
    logger.error({ err: error }, 'a document failed after its first bytes were sent');
    response.destroy();
    return;
  }
  // An upload refused before it was read to the end, whatever refused it (a DocumentsError, or a
  // LedgerError such as who asks, said before the body is read): the rest is read and dropped (a
  // sender that is still writing would otherwise miss the answer), up to a bound past which the
  // connection goes; never read without end.
  if (!request.readableEnded) {
    let drained = 0;
    request.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAINED_AT_MOST) request.destroy();
    });
  }
  if (error instanceof DocumentsError) {
    sendError(response, error.status, error.code, error.message);
  } else if (error instanceof LedgerError && error.kind === 'gateway-unreachable') {
    // The gateway's internal address is the server's business, not the browser's.
    logger.error({ err: error }, 'the gateway could not be reached');
    sendError(response, 502, 'GATEWAY_UNAVAILABLE', '暂时无法连接联邦网关，请稍后重试。 / The gateway cannot be reached.');
  } else if (error instanceof TokenRefused) {
    // The gateway's refusal as it said it: its reason (no-role: the account, which a new sign-in does
    // not change; expired: sign in again) and its words; a refusal without Chinese, this server's.
    sendError(response, 401, 'UNAUTHENTICATED', error.gatewayMessage ?? '登录已失效，请重新登录后再试。 / The token was refused; sign in again.', error.reason ? { reason: error.reason } : undefined);
  } else if (error instanceof LedgerError && error.kind === 'store-unavailable') {
    // A side's store that did not answer in time: an outage to retry (its message names the side), not a bad request.
    sendError(response, 503, 'STORE_UNAVAILABLE', error.message);
  } else if (error instanceof LedgerError && error.kind === 'sign-in-required') {
    // Not the file's fault: 401 as a missing token is (the dashboard then offers to sign in).
    sendError(response, 401, 'UNAUTHENTICATED', error.message);
  } else if (error instanceof LedgerError && error.kind === 'forbidden') {
    sendError(response, 403, 'FORBIDDEN', error.message);
  } else if (error instanceof LedgerError) {
    sendError(response, 400, 'BAD_LEDGER', error.message);
  } else {
    logger.error({ err: error }, 'a document could not be made');
    sendError(response, 500, 'INTERNAL_SERVER_ERROR', '生成文件时出错，请稍后重试；问题持续请联系管理员。 / Internal server error.');
  }
}
