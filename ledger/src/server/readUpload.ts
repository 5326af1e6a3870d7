import type { IncomingMessage } from 'node:http';
import { MAX_FILE_BYTES } from '../readLedgerFile.ts';
import { DocumentsError } from './DocumentsError.ts';

const tooLarge = () =>
  new DocumentsError(413, 'PAYLOAD_TOO_LARGE', `文件过大（上限 ${MAX_FILE_BYTES / 1024 / 1024} MB），未导入任何内容。 / The file is larger than ${MAX_FILE_BYTES} bytes.`);

/**
 * The uploaded file (the request's whole body), refused with 413 past the ledger's own limit: at
 * once when Content-Length says so, else as soon as the bytes read pass it (the rest is not read).
 */
export async function readUpload(request: IncomingMessage, limit = MAX_FILE_BYTES): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  if (size === 0) throw new DocumentsError(400, 'EMPTY_FILE', '没有收到文件内容，请选择要导入的台账文件。 / The request has no body.');
  return Buffer.concat(chunks);
}
