/**
 * The refusals of a request body that could not be read (body-parser's errors), in Linju's words:
 * the library's English (`Unexpected token 'a', "aaaa"... is not valid JSON`) never reaches a
 * client. The gateway's reader (`requestBody`) and every server's last error handler
 * (`jsonErrorHandler`) say them.
 */
export const BODY_REFUSALS = {
  notJson: '请求体不是有效的 JSON / The request body is not valid JSON',
  encoding: "请求体的字符集或压缩方式不受支持，请以 UTF-8 发送 JSON / The request body's charset or encoding is not supported: send JSON in UTF-8",
  tooLarge: '请求体过大 / The request body is too large',
  unreadable: '请求体无法读取，请以 UTF-8 发送完整的 JSON / The request body could not be read: send the whole JSON body in UTF-8',
} as const;

/** body-parser's error types, each with its refusal. */
const BODY_ERROR_TYPES: Readonly<Record<string, string>> = {
  'entity.parse.failed': BODY_REFUSALS.notJson,
  'entity.too.large': BODY_REFUSALS.tooLarge,
  'charset.unsupported': BODY_REFUSALS.encoding,
  'encoding.unsupported': BODY_REFUSALS.encoding,
};

/**
 * Linju's words for a body-parser error: its type's refusal, or for any other (raw-body's
 * `request.size.invalid` when the body is shorter than its Content-Length, `request.aborted`, a
 * corrupt gzip stream's zlib error) the neutral {@link BODY_REFUSALS.unreadable}, never a claim
 * that the charset or encoding is unsupported.
 */
export function bodyRefusal(error: unknown): string {
  const type = (error as { type?: unknown } | null | undefined)?.type;
  return (typeof type === 'string' && Object.hasOwn(BODY_ERROR_TYPES, type) && BODY_ERROR_TYPES[type]) || BODY_REFUSALS.unreadable;
}
