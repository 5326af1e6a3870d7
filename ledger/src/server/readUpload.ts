import type { IncomingMessage } from 'node:http';
import { quotedEn, quotedZh } from '@linju/contract';
import { MAX_FILE_BYTES } from '../readLedgerFile.ts';
import { uploadWords, type WriteAsked } from '../writerRefusal.ts';
import { DocumentsError } from './DocumentsError.ts';

const tooLarge = (asked: WriteAsked) =>
  new DocumentsError(413, 'PAYLOAD_TOO_LARGE', `文件过大（上限 ${MAX_FILE_BYTES / 1024 / 1024} MB），${uploadWords(asked).nothing}。 / The file is larger than ${MAX_FILE_BYTES} bytes.`);

/**
 * An empty upload (400 `EMPTY_FILE`): the file chosen is empty (0 字节), as the command says of an empty file, what was
 * asked for and that nothing was done; with no file named, that no content came.
 */
function emptyFile(asked: WriteAsked, name: string | undefined): DocumentsError {
  const { file, nothing } = uploadWords(asked);
  return name
    ? new DocumentsError(400, 'EMPTY_FILE', `选择的文件${quotedZh(name)}是空的（0 字节），${nothing}。请检查后重新选择${file}。 / The chosen file ${quotedEn(name)} is empty (0 bytes): nothing was done; choose the file again.`)
    : new DocumentsError(400, 'EMPTY_FILE', `没有收到文件内容，${nothing}。请选择${file}。 / The request has no body: nothing was done; choose the file.`);
}

/**
 * The uploaded file (the request's whole body), refused with 413 past the ledger's own limit: at
 * once when Content-Length says so, else as soon as the bytes read pass it (the rest is not read).
 * `asked`: the ledger to import, or the import report to withdraw, as the refusals name it; `name`: the file the clerk
 * chose (`?name=`), which an empty body is said to be: a file chosen and empty (0 字节) is not a file not sent.
 */
export async function readUpload(request: IncomingMessage, asked: WriteAsked, { name, limit = MAX_FILE_BYTES }: { name?: string; limit?: number } = {}): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(asked);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(asked);
    chunks.push(chunk);
  }
  if (size === 0) throw emptyFile(asked, name);
  return Buffer.concat(chunks);
}
