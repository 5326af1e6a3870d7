import type { IncomingMessage } from 'node:http';
import { MAX_FILE_BYTES } from '../readLedgerFile.ts';
import { uploadWords, type WriteAsked } from '../writerRefusal.ts';
import { DocumentsError } from './DocumentsError.ts';

const tooLarge = (asked: WriteAsked) =>
  new DocumentsError(413, 'PAYLOAD_TOO_LARGE', `文件过大（上限 ${MAX_FILE_BYTES / 1024 / 1024} MB），${uploadWords(asked).nothing}。 / The file is larger than ${MAX_FILE_BYTES} bytes.`);

/**
 * The uploaded file (the request's whole body), refused with 413 past the ledger's own limit: at
 * once when Content-Length says so, else as soon as the bytes read pass it (the rest is not read).
 * `asked`: the ledger to import, or the import report to withdraw, as the refusals name it.
 */
export async function readUpload(request: IncomingMessage, asked: WriteAsked, limit = MAX_FILE_BYTES): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(asked);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(asked);
    chunks.push(chunk);
  }
  if (size === 0) throw new DocumentsError(400, 'EMPTY_FILE', `没有收到文件内容，请选择${uploadWords(asked).file}。 / The request has no body.`);
  return Buffer.concat(chunks);
}
