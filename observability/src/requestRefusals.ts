/** What a client sends: the one form of request every refusal below points to, and `maskErrors`'s words for a malformed request it does not know. */
export const SEND_JSON = '以 POST 发送 JSON 对象 {"query": "…", "variables": {…}}，并带请求头 content-type: application/json';
export const SEND_JSON_EN = 'POST a JSON object {"query": "…", "variables": {…}} with the header content-type: application/json';

/**
 * Apollo Server's refusals of a malformed HTTP request (code BAD_REQUEST), in Linju's words, both
 * halves saying what to send instead: Apollo's English names its own settings and libraries. The
 * names a refusal repeats (`variables`, `extensions`, …) are only those its pattern allows.
 */
export const REQUEST_REFUSALS: readonly (readonly [RegExp, (name: string) => string])[] = [
  [
    /^This operation has been blocked as a potential Cross-Site Request Forgery/,
    () =>
      '为防范跨站请求伪造（CSRF），请求未予执行：请以 POST 发送并带请求头 content-type: application/json，GET 请求则须带请求头 apollo-require-preflight: true / ' +
      'Refused as a possible cross-site request forgery (CSRF): send a POST with the header content-type: application/json, or give a GET the header apollo-require-preflight: true',
  ],
  [/^Apollo Server supports only GET\/POST requests/, () => '只接受 GET 和 POST 请求（写入须用 POST） / Only GET and POST requests are accepted (a mutation by POST)'],
  [
    /^`(variables|extensions)` in a POST body should be provided as an object, not a recursively JSON-encoded string/,
    (name) => `${name} 须为 JSON 对象（如 {"id": "…"}），不能是编码成字符串的 JSON / ${name} must be a JSON object such as {"id": "…"}, not JSON encoded into a string`,
  ],
  [/^`(variables|extensions)` in a POST body must be an object/, (name) => `${name} 须为 JSON 对象（如 {"id": "…"}） / ${name} must be a JSON object such as {"id": "…"}`],
  [/^`operationName` in a POST body must be a string/, () => 'operationName 须为字符串：要执行的操作的名称 / operationName must be a string, the name of the operation to run'],
  [/^POST body missing, invalid Content-Type, or JSON object has no keys/, () => `请求体为空：请${SEND_JSON} / The request body is empty: ${SEND_JSON_EN}`],
  [/^GraphQL queries must be strings/, () => 'query 须为 GraphQL 查询文本（字符串） / query must be the GraphQL document as a string'],
  [/^GET requests may not have a content-type header other than application\/json/, () => 'GET 请求不能带 application/json 以外的 content-type 请求头 / A GET request may have no content-type header but application/json'],
  [/^The '(query|operationName|variables|extensions)' search parameter may only be specified once/, (name) => `GET 请求的参数 ${name} 只能出现一次 / The ${name} parameter of a GET may be given once only`],
  [/^The (variables|extensions) search parameter (?:contains invalid JSON|should contain a JSON-encoded object)/, (name) => `GET 请求的参数 ${name} 须为 JSON 对象（URL 编码） / The ${name} parameter of a GET must be a JSON object, URL-encoded`],
  [/^An 'accept' header was provided for this request which does not accept/, () => '请求头 accept 须接受 application/json / The accept header must accept application/json'],
  [/^GraphQL operations must contain a non-empty `query`/, () => `请求中没有查询：请${SEND_JSON} / The request has no query: ${SEND_JSON_EN}`],
  [/^GET requests only support query operations, not (mutation|subscription) operations/, () => 'GET 请求只能执行查询，写入须以 POST 发送 / A GET request runs queries only: send a mutation as a POST'],
  [/^provided sha does not match query/, () => '查询文本与随附的哈希（persistedQuery.sha256Hash）不符 / The query does not match the hash sent with it (persistedQuery.sha256Hash): send the SHA-256 of this very text'],
];
