import type { ServerResponse } from 'node:http';
import { CONTENT_TYPES as TABLE_CONTENT_TYPES } from '../export/tableWriters.ts';
import { NOTICE_HEADER } from '@linju/contract/documentsNotice';

/** Answers `{ code, message }` as JSON (the shape of every refusal of the documents server), with `more` (a refused token's `reason`). */
export function sendError(response: ServerResponse, status: number, code: string, message: string, more?: Record<string, string> | undefined): void {
  sendJson(response, status, { code, message, ...more });
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

/** Media types of the documents the server writes, by extension: the export's tables, and the briefing. */
export const CONTENT_TYPES = {
  ...TABLE_CONTENT_TYPES,
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

export type DocumentFormat = keyof typeof CONTENT_TYPES;

/**
 * `Content-Disposition: attachment` for a Chinese file name: the real name as RFC 5987's
 * `filename*=UTF-8''…`, which every current browser prefers, and an ASCII name for old clients
 * (`asciiFileName`: linju-figures-2021-01-01_2021-06-30.xlsx).
 */
export function attachment(fileName: string, asciiName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName.replace(/[^\x20-\x7e]|["\\]/g, '')}"; filename*=UTF-8''${encoded}`;
}

export { NOTICE_HEADER };

/** Starts a download of `fileName` (its type from its extension, its ASCII name `asciiName`, its notice `unavailable`); the body follows. */
export function startDownload(response: ServerResponse, names: { fileName: string; asciiName: string; unavailable?: string | null }, format: DocumentFormat): void {
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[format],
    'content-disposition': attachment(names.fileName, names.asciiName),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(names.unavailable && { [NOTICE_HEADER]: encodeURIComponent(names.unavailable) }),
  });
}
