/**
 * The documents server as the page reaches it: `/documents/` on the gateway's own origin (so the
 * Content-Security-Policy stays `connect-src 'self'`), with the page's token in Authorization. A
 * download is fetched (a link cannot carry the token) and handed to the browser as a file.
 */

import { refusalText } from '@linju/contract/refusalText';
import { NOTICE_HEADER } from '@linju/contract/documentsNotice';
import { RATE_LIMITED, rateLimitedText, retryAfterHeader } from '../graphql/rateLimit.ts';

/** `/dashboard/` → `/documents/`, relative to the page, so a proxy prefix keeps working. */
const BASE = new URL('../documents/', document.baseURI);

/** A refusal as the documents server words it (Chinese, before " / "), or why it could not be reached. */
export class DocumentsFailure extends Error {
  override name = 'DocumentsFailure';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** The refusal's whole JSON body (a withdrawal stopped partway answers what it did beside its message). */
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

/** The documents URL of `path` (`import/preview`) with its parameters. */
export function documentsUrl(path: string, params: Record<string, string | null | undefined> = {}): string {
  const url = new URL(path, BASE);
  for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, value);
  return url.toString();
}

async function send(url: string, token: string | null, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { ...(token && { authorization: `Bearer ${token}` }), ...(init.headers as Record<string, string> | undefined) } });
  } catch {
    throw new DocumentsFailure('无法连接网关，请检查网络后重试。', 0, 'UNREACHABLE');
  }
  if (response.ok) return response;
  // The public proxy's rate limit (its own body, not the documents server's): nothing reached the gateway.
  if (response.status === 429) throw new DocumentsFailure(rateLimitedText(retryAfterHeader(response.headers.get('retry-after')), 'by-hand'), 429, RATE_LIMITED);
  const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null; // null: not the documents server's JSON (a proxy's page)
  const refusal = body?.message ? refusalText(body.message) : null;
  if (refusal) throw new DocumentsFailure(refusal, response.status, body?.code ?? `HTTP_${response.status}`, body);
  if (body?.message) throw new DocumentsFailure(`文档服务未能完成（错误代码 ${body.code ?? `HTTP_${response.status}`}），请稍后重试。`, response.status, body.code ?? `HTTP_${response.status}`);
  throw new DocumentsFailure(response.status === 404 ? '本网关未开启文档服务（导入、导出、简报）。' : `文档服务出错（HTTP ${response.status}），请稍后重试。`, response.status, `HTTP_${response.status}`);
}

/** JSON from a documents route (GET), or a DocumentsFailure. */
export async function getJson<T>(url: string, token: string | null): Promise<T> {
  return (await (await send(url, token)).json()) as T;
}

/** Uploads a file as the request's whole body; its JSON answer, or a DocumentsFailure. */
export async function postFile<T>(url: string, file: Blob, token: string | null): Promise<T> {
  return (await (await send(url, token, { method: 'POST', body: file, headers: { 'content-type': 'application/octet-stream' } })).json()) as T;
}

/** The file name of `Content-Disposition` (RFC 5987's `filename*=UTF-8''…` first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // A malformed name: the fallback.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/** Hands a file to the browser as a download of this name. */
export function saveFile(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/**
 * What the documents server says beside a download (`X-Linju-Notice`, percent-encoded: an export's
 * cells the joint office could not fill, and to export again later), or null.
 */
function noticeOf(response: Response): string | null {
  const notice = response.headers.get(NOTICE_HEADER);
  try {
    return notice && decodeURIComponent(notice);
  } catch {
    return null;
  }
}

/** A file handed to the browser: its name, and what the documents server said beside it (`noticeOf`), or null. */
export interface Downloaded {
  readonly fileName: string;
  readonly notice: string | null;
}

/** The line saying a file was downloaded (`已下载：`, then its name), with the server's notice after the name when it sent one. */
export const downloadedLine = (lead: string, { fileName, notice }: Downloaded): string => `${lead}${fileName}${notice ? `。${notice}` : ''}`;

/** Downloads a document (GET) and saves it under the server's name for it; resolves with that name and the server's notice. */
export async function download(url: string, token: string | null, fallbackName: string): Promise<Downloaded> {
  const response = await send(url, token);
  const fileName = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  saveFile(await response.blob(), fileName);
  return { fileName, notice: noticeOf(response) };
}
