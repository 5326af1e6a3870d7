import { describe, expect, it } from 'vitest';
import { INTERNAL_ERROR_MESSAGE, INTROSPECTION_DISABLED, maskInternalErrors } from '../src/maskErrors.ts';
import { isProduction } from '../src/runMode.ts';

describe('isProduction', () => {
  it('is on with LINJU_ENV=production or NODE_ENV=production, and off otherwise', () => {
    expect(isProduction({ LINJU_ENV: 'production' })).toBe(true);
    expect(isProduction({ NODE_ENV: 'production' })).toBe(true);
    // Either is enough: LINJU_ENV=development cannot undo NODE_ENV=production.
    expect(isProduction({ LINJU_ENV: 'development', NODE_ENV: 'production' })).toBe(true);
    expect(isProduction({ LINJU_ENV: 'development' })).toBe(false);
    expect(isProduction({ NODE_ENV: 'test' })).toBe(false);
    expect(isProduction({})).toBe(false);
  });

  it('refuses an unknown LINJU_ENV, naming it', () => {
    expect(() => isProduction({ LINJU_ENV: 'prod' })).toThrow(/LINJU_ENV/);
  });
});

describe('maskInternalErrors', () => {
  const logged: string[] = [];
  const format = maskInternalErrors({ keep: ['QUERY_TOO_DEEP'], log: (message) => logged.push(message) });

  it('masks an error whose code is not the client\'s, keeping its path, and logs the original', () => {
    const original = new Error('Invalid `prisma.$queryRaw()` invocation: relation "x" does not exist');
    const masked = format({ message: original.message, path: ['alliances'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }, original);
    // Said in Chinese too, with what to do: a clerk may read it (docs/api.md#error-codes).
    expect(masked).toEqual({ message: '服务器内部错误，请稍后再试；如仍不行，请联系管理员 / Internal server error', path: ['alliances'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(masked.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(logged.at(-1)).toMatch(/prisma/);
    expect(format({ message: 'no code at all' }, undefined)).toMatchObject({ message: INTERNAL_ERROR_MESSAGE });
  });

  it('keeps what sourceOf names of where a masked error came from, and nothing else of it', () => {
    const labelled = maskInternalErrors({
      log: () => undefined,
      sourceOf: (extensions) => (extensions['subgraph'] === 'sichuan' ? { subgraph: 'sichuan', jurisdiction: '四川省' } : undefined),
    });
    const fromSichuan = { message: 'relation "activity" does not exist', path: ['sichuan'], extensions: { code: 'INTERNAL_SERVER_ERROR', subgraph: 'sichuan', jurisdiction: 'SELECT 1', detail: 'pg 42P01' } };
    expect(labelled(fromSichuan, undefined)).toEqual({ message: INTERNAL_ERROR_MESSAGE, path: ['sichuan'], extensions: { code: 'INTERNAL_SERVER_ERROR', subgraph: 'sichuan', jurisdiction: '四川省' } });
    // One that came from nowhere it knows keeps only its code.
    expect(labelled({ message: 'boom', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', subgraph: '10.0.0.1:4001' } }, undefined)).toEqual({ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('keeps client errors and the extra codes, without stack traces, exceptions, raw responses or suggestions', () => {
    const kept = format(
      {
        message: 'Field "kindz" is not defined by type "RecordFilter". Did you mean "kinds"?',
        extensions: { code: 'BAD_USER_INPUT', field: 'filter', stacktrace: ['at y'], exception: { stack: 'z' }, response: { url: 'http://10.0.0.1' } },
      },
      undefined,
    );
    // graphql-js's English is led by its code's Chinese; a message already bilingual is left as it is.
    expect(kept).toEqual({ message: '输入的值不符合接口的定义 / Field "kindz" is not defined by type "RecordFilter".', extensions: { code: 'BAD_USER_INPUT', field: 'filter' } });
    const bilingual = { message: 'first 须在 1 到 100 之间（收到 0） / must be between 1 and 100, got 0', extensions: { code: 'BAD_USER_INPUT', field: 'first' } };
    expect(format(bilingual, undefined)).toEqual(bilingual);
    // A value with a slash quoted in the Chinese half: still bilingual, not led by a second Chinese.
    const slashed = { message: 'kind “座谈/交流”不在可选范围内，可选：座谈交流、培训 / "座谈/交流" is not one of: 座谈交流、培训', extensions: { code: 'BAD_USER_INPUT', field: 'kind', rule: 'unknown-kind' } };
    expect(format(slashed, undefined)).toEqual(slashed);
    // graphql-js quoting a Chinese value with ` / ` in it is still graphql-js's English.
    const quoted = 'Variable "$input" got invalid value "座谈 / 交流" at "input.sessions"; Int cannot represent non-integer value: "座谈 / 交流"';
    expect(format({ message: quoted, extensions: { code: 'BAD_USER_INPUT' } }, undefined)).toEqual({ message: `输入的值不符合接口的定义 / ${quoted}`, extensions: { code: 'BAD_USER_INPUT' } });
    expect(format({ message: 'too deep', extensions: { code: 'QUERY_TOO_DEEP', limit: 12 } }, undefined)).toEqual({ message: 'too deep', extensions: { code: 'QUERY_TOO_DEEP', limit: 12 } });
  });
});

describe('Apollo Server\'s refusals of a malformed request', () => {
  const format = maskInternalErrors({ log: () => undefined });
  const said = (message: string) => format({ message, extensions: { code: 'BAD_REQUEST' } }, undefined);
  const APOLLO: [string, RegExp][] = [
    [
      "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header (with a type that is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a non-empty value for one of the following headers: x-apollo-operation-name, apollo-require-preflight\n",
      /^为防范跨站请求伪造.*content-type: application\/json.*apollo-require-preflight: true \/ Refused as a possible cross-site request forgery \(CSRF\): send a POST with the header content-type: application\/json, or give a GET the header apollo-require-preflight: true$/,
    ],
    ['Apollo Server supports only GET/POST requests.', /^只接受 GET 和 POST 请求.* \/ Only GET and POST requests are accepted/],
    ['`variables` in a POST body should be provided as an object, not a recursively JSON-encoded string.', /^variables 须为 JSON 对象.* \/ variables must be a JSON object/],
    ['`extensions` in a POST body must be an object if provided.', /^extensions 须为 JSON 对象.* \/ extensions must be a JSON object/],
    ['POST body missing, invalid Content-Type, or JSON object has no keys.', /^请求体为空.* \/ The request body is empty: POST a JSON object/],
    ["The 'query' search parameter may only be specified once.", /^GET 请求的参数 query 只能出现一次 \/ The query parameter of a GET may be given once only$/],
    ['GET requests only support query operations, not mutation operations', /^GET 请求只能执行查询.* \/ A GET request runs queries only: send a mutation as a POST$/],
    ['Operation batching disabled.', /^请求的格式有误：.* \/ The request is malformed: POST a JSON object/],
  ];

  it.each(APOLLO)('%s: said in Linju\'s words, both halves, saying what to send, the code kept', (apollo, words) => {
    const answer = said(apollo);
    expect(answer.extensions).toEqual({ code: 'BAD_REQUEST' });
    expect(answer.message).toMatch(words);
    // None of Apollo's English reaches the client, not even after the Chinese.
    expect(answer.message).not.toContain(apollo.trim().slice(0, 30));
    expect(answer.message).not.toMatch(/Apollo|recursively|Please either|\n/);
  });

  it('keeps Linju\'s own refusals, already Chinese and English, as they are', () => {
    const own = '不接受批量请求，每次请求只发送一个操作 / Batched requests are not accepted: send one operation per request, as a JSON object';
    expect(said(own).message).toBe(own);
  });
});

describe('introspection in production', () => {
  it('is refused in Linju\'s words, Chinese and English, with a stable code, never Apollo\'s advice', () => {
    const apollo = 'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type. To enable introspection, pass introspection: true to ApolloServer in production';
    const answer = maskInternalErrors({ log: () => undefined })({ message: apollo, locations: [{ line: 1, column: 3 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, undefined);
    expect(answer).toEqual({ message: INTROSPECTION_DISABLED.message, locations: [{ line: 1, column: 3 }], extensions: { code: 'INTROSPECTION_DISABLED' } });
    expect(answer.message).toMatch(/^生产环境不提供接口结构查询.* \/ Introspection is off in production/);
    expect(answer.message).not.toMatch(/ApolloServer|introspection: true/);
  });
});
