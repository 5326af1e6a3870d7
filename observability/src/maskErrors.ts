import type { ErrorRequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { quotedEn } from '@linju/contract';
import { bodyRefusal } from './bodyRefusals.ts';
import { REQUEST_REFUSALS, SEND_JSON, SEND_JSON_EN } from './requestRefusals.ts';

/**
 * Codes of errors that are the client's to read, kept as they are in production: Linju's own
 * (see `errors.ts`, the access rules and the audit log) and Apollo's refusals of a malformed
 * request. Any other error is internal and is masked.
 */
export const CLIENT_ERROR_CODES: readonly string[] = [
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'NOT_FOUND',
  'IDEMPOTENCY_KEY_REUSED',
  'ALREADY_RECORDED',
  'DANGLING_REFERENCE',
  'AUDIT_UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
];

/**
 * Extensions that describe the server rather than the request: stack traces, the exception, and
 * the raw HTTP response of a subgraph (its URL and body) that Apollo's gateway attaches.
 */
const SERVER_EXTENSIONS = new Set(['stacktrace', 'exception', 'response']);

/** Apollo's own pattern for "Did you mean …?" suggestions, which reveal the schema's names. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/**
 * Apollo's refusal of a malformed request that carries no code of its own (a persisted query whose
 * hash does not match its document): it answers HTTP 400, so it is the client's error.
 */
function isRequestRefusal(code: unknown, error: unknown): boolean {
  const { message, extensions } = (error ?? {}) as { message?: unknown; extensions?: { http?: { status?: unknown } } };
  // Only Apollo's own, by its words: any other code-less error with a status stays masked.
  return code === 'INTERNAL_SERVER_ERROR' && extensions?.http?.status === 400 && APOLLO_REQUEST_REFUSALS.includes(message as string);
}

/** Apollo Server's refusals of a malformed request that carry no code. */
const APOLLO_REQUEST_REFUSALS: readonly unknown[] = ['provided sha does not match query'];

/**
 * What a kept error means, in Chinese, for the refusals whose words are a library's (graphql-js's,
 * Apollo's): the API says everything `中文 / English`, and its own messages are written so. Not
 * PersistedQueryNotFound: clients of the APQ protocol read that message as it is.
 */
const CHINESE_BY_CODE: Readonly<Record<string, string>> = {
  GRAPHQL_PARSE_FAILED: '查询的语法有误',
  GRAPHQL_VALIDATION_FAILED: '查询不符合接口的定义',
  BAD_USER_INPUT: '输入的值不符合接口的定义',
};

/**
 * A BAD_REQUEST's message in Linju's words: Apollo's refusals by {@link REQUEST_REFUSALS}, any other
 * of a library (one Linju does not know yet) by what to send; Linju's own (already `中文 / English`) as it is.
 */
function requestRefusal(message: string): string {
  for (const [apollo, words] of REQUEST_REFUSALS) {
    const match = apollo.exec(message);
    if (match) return words(match[1] ?? '');
  }
  return isBilingual(message) ? message : `请求的格式有误：请${SEND_JSON} / The request is malformed: ${SEND_JSON_EN}`;
}

/**
 * A message already `中文 / English`: Chinese before the first ` / ` (a bare `/` of a value it quotes,
 * `“a/b”`, is no separator), and not a library's English sentence that quotes a Chinese value
 * (`Variable "$x" got invalid value "座谈 / 交流"`, `Syntax Error: …`).
 */
function isBilingual(message: string): boolean {
  const cut = message.indexOf(' / ');
  if (cut < 0) return false;
  const chinese = message.slice(0, cut);
  return /[\u4e00-\u9fff]/.test(chinese) && !/^[A-Z][a-z]+ [A-Za-z"$]/.test(chinese);
}

/** A JSON string as graphql-js quotes a value (`"…"`, its escapes included). */
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/** The most characters of a library's message kept: its head and tail, the middle cut (the rest of a large value it quotes). */
const LIBRARY_MESSAGE_HEAD = 300;
const LIBRARY_MESSAGE_TAIL = 200;

/**
 * A library's message as a refusal of Linju's quotes what was sent (`excerpt`): each text it quotes
 * 40 characters at most, hidden characters escaped, and the message cut in the middle past 500
 * characters, so its reason (at the end) stays. graphql-js quotes a variable's whole value
 * (`Variable "$first" got invalid value "xxx…"`): a string of 20 000 characters, or an object of
 * 3 000 fields, was sent back whole, a right-to-left override in it as it was.
 */
function shortened(message: string): string {
  const quoted = message.replace(QUOTED, (literal) => {
    try {
      return quotedEn(JSON.parse(literal) as string);
    } catch {
      return literal;
    }
  });
  const characters = [...quoted];
  if (characters.length <= LIBRARY_MESSAGE_HEAD + LIBRARY_MESSAGE_TAIL) return quoted;
  return `${characters.slice(0, LIBRARY_MESSAGE_HEAD).join('')} … ${characters.slice(-LIBRARY_MESSAGE_TAIL).join('')}`;
}

/** The message with the Chinese of its code put first, unless it already says it in Chinese; a library's shortened. */
function inChinese(message: string, code: string): string {
  const chinese = CHINESE_BY_CODE[code];
  return chinese && !isBilingual(message) ? `${chinese} / ${shortened(message)}` : message;
}

/** Apollo's refusal of introspection when it is off (production), whose advice is a setting Linju does not expose. */
const APOLLO_INTROSPECTION_REFUSAL = /^GraphQL introspection is not allowed by Apollo Server/;

/** Linju's own words for it: off in production, and where the schema is published instead. */
export const INTROSPECTION_DISABLED = {
  code: 'INTROSPECTION_DISABLED',
  message:
    '生产环境不提供接口结构查询（introspection），查询本身照常可用；接口定义见所部署版本的 schema/supergraph.graphql / Introspection is off in production (queries still run): the schema is the published supergraph, schema/supergraph.graphql of the release deployed, and the explorer shows it in development (docs/api.md)',
} as const;

/**
 * What a client reads of an internal error, every server's: it says nothing of the error (the log
 * does), and the clerk who sees it what to do.
 */
export const INTERNAL_ERROR_MESSAGE = '服务器内部错误，请稍后再试；如仍不行，请联系管理员 / Internal server error';

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Apollo Server's `formatError` for production: an error whose code is not the client's (see
 * {@link CLIENT_ERROR_CODES} and `keep`) becomes {@link INTERNAL_ERROR_MESSAGE} with code
 * INTERNAL_SERVER_ERROR, its original logged, keeping only where it came from (`sourceOf`: the
 * gateway's names of the subgraph whose error it was); a kept error loses every server-side extension
 * (stack trace, exception, a subgraph's raw response) and any "Did you mean" suggestion, and one
 * in a library's English only is led by its code's Chinese; a BAD_REQUEST of Apollo's is said in
 * Linju's words, both halves ({@link REQUEST_REFUSALS}). Apollo's refusal of introspection,
 * which advises a setting Linju does not have, becomes {@link INTROSPECTION_DISABLED}. The path
 * stays, so a client still sees which field failed.
 */
export function maskInternalErrors(
  options: {
    keep?: readonly string[];
    log?: (message: string) => void;
    /** Keep "Did you mean" (development, for the explorer). */ suggestions?: boolean;
    /** The extensions a masked error keeps, of its own: names of where it came from, never its text. @default none */
    sourceOf?: (extensions: Readonly<Record<string, unknown>>) => Record<string, string> | undefined;
  } = {},
) {
  const keep = new Set([...CLIENT_ERROR_CODES, ...(options.keep ?? [])]);
  const log = options.log ?? ((message: string) => console.error(message));
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let code = formatted.extensions?.['code'];
    if (isRequestRefusal(code, error)) {
      code = 'BAD_REQUEST';
      formatted = { ...formatted, extensions: { ...formatted.extensions, code } };
    }
    if (code === 'GRAPHQL_VALIDATION_FAILED' && APOLLO_INTROSPECTION_REFUSAL.test(formatted.message)) {
      return { message: INTROSPECTION_DISABLED.message, ...(formatted.locations && { locations: formatted.locations }), extensions: { code: INTROSPECTION_DISABLED.code } };
    }
    if (typeof code === 'string' && keep.has(code)) {
      const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => !SERVER_EXTENSIONS.has(key)));
      const message = options.suggestions ? formatted.message : formatted.message.replace(SUGGESTION, '');
      return { ...formatted, message: code === 'BAD_REQUEST' ? requestRefusal(message) : inChinese(message, code), extensions };
    }
    log(`Internal error masked (${String(code ?? 'no code')}): ${describe(error)}`);
    const source = options.sourceOf?.(formatted.extensions ?? {});
    return {
      message: INTERNAL_ERROR_MESSAGE,
      ...(formatted.path && { path: formatted.path }),
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...source },
    };
  };
}

/**
 * The last Express error handler of a server, answering in JSON: an HTTP client error raised by
 * Express or body-parser (`status` 4xx, `expose`: malformed JSON, a body too large, a charset it
 * does not read, a body it could not read whole) with its status and Linju's words for it (`bodyRefusal`, never the library's
 * message), anything else with a logged 500 {@link INTERNAL_ERROR_MESSAGE} and nothing more. So no stack
 * trace or internal message leaves, whatever NODE_ENV says (Express's default page shows the stack
 * outside NODE_ENV=production).
 */
export function jsonErrorHandler(log: (message: string) => void = (message) => console.error(message)): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (response.headersSent) return next(error);
    const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
    if (typeof status === 'number' && status >= 400 && status < 500 && expose === true) {
      const message = bodyRefusal(error);
      response.status(status).json({ errors: [{ message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } }] });
      return;
    }
    log(`Unhandled error: ${describe(error)}`);
    response.status(500).json({ errors: [{ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  };
}
