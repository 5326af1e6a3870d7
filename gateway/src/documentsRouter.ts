import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { RequestHandler, Response } from 'express';
import { NOTICE_HEADER } from '@linju/contract/documentsNotice';

/** What goes on to the documents server: the caller's token and what describes the body, nothing else of the browser's. */
const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'content-length', 'accept', 'x-request-id'] as const;
/** What comes back: what the download or the JSON refusal needs, and what the clerk must know beside a download (NOTICE_HEADER). */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'content-disposition', 'cache-control', 'x-content-type-options', NOTICE_HEADER] as const;

const UNAVAILABLE = {
  code: 'DOCUMENTS_UNAVAILABLE',
  message: '文档服务（导入、导出、简报）暂不可用，请稍后重试；其他功能不受影响。 / The documents server is not reachable.',
};

function pick(headers: IncomingHttpHeaders, names: readonly string[]): Record<string, string | string[]> {
  return Object.fromEntries(names.flatMap((name) => (headers[name] === undefined ? [] : [[name, headers[name]!]])));
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
 * The gateway imports none of its packages (exceljs, docx, ECharts).
 */
export function documentsRouter(documentsUrl: string): RequestHandler {
  const target = new URL(documentsUrl);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return (request, response) => {
    const upstream = send(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: request.method,
        // The path as the browser asked it (`/documents/...?...`), under the target's own prefix if it has one.
        path: `${target.pathname.replace(/\/$/, '')}${request.originalUrl}`,
        headers: pick(request.headers, FORWARDED_REQUEST_HEADERS),
      },
      (answer) => {
        response.status(answer.statusCode ?? 502).set(pick(answer.headers, FORWARDED_RESPONSE_HEADERS));
        answer.pipe(response);
        answer.once('error', () => response.destroy());
      },
    );
    upstream.once('error', () => unavailable(response));
    // The browser gave up (closed the tab, cancelled a download): so does the documents server.
    response.once('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
    request.pipe(upstream);
  };
}
