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
} as const;

/** body-parser's error types, each with its refusal. */
export const BODY_ERROR_TYPES: Readonly<Record<string, string>> = {
  'entity.parse.failed': BODY_REFUSALS.notJson,
  'entity.too.large': BODY_REFUSALS.tooLarge,
};
