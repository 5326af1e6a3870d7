import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { bodyRefusal } from '@linju/observability';
import { isImportOperation } from './importOperation.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './jsonDepth.ts';
import { limitError } from './QueryLimits.ts';
import { sendGraphQLErrors } from './sendGraphQLErrors.ts';

/** A search parameter's JSON, or nothing when it is none (Apollo refuses that in its turn). */
function parsedOrNothing(parameter: unknown): unknown {
  if (typeof parameter !== 'string') return undefined;
  try {
    return JSON.parse(parameter);
  } catch {
    return undefined;
  }
}

/** What body-parser attaches to the errors it raises. */
interface BodyParserError extends Error {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** The larger body allowed to the import mutations (`LINJU_MAX_IMPORT_BODY_BYTES`), and how to tell them. */
export interface ImportBodyLimit {
  maxBytes: number;
  /** `LINJU_MAX_QUERY_TOKENS`: the most tokens of query text parsed to tell an import call. */
  maxTokens: number;
}

/**
 * Reads a GraphQL request's JSON body of at most `maxBytes` (after decompression), and refuses
 * batches. An import call (`importOperation.ts`: a mutation of import fields only) may send up to
 * `imports.maxBytes`. A body over the limit is answered 413 with code PAYLOAD_TOO_LARGE, malformed
 * JSON 400 (JSON nested deeper than `MAX_JSON_DEPTH` too), both as GraphQL errors in JSON (never Express's HTML page, which shows a stack trace
 * outside NODE_ENV=production).
 */
export function requestBody(maxBytes: number, imports?: ImportBodyLimit): Array<RequestHandler | ErrorRequestHandler> {
  const parseLimit = Math.max(maxBytes, imports?.maxBytes ?? 0);
  const sizes = new WeakMap<object, number>();
  const tooLarge = (measured: number) => {
    const also = imports && imports.maxBytes > maxBytes ? ` (${imports.maxBytes} for the import mutations)` : '';
    return limitError('PAYLOAD_TOO_LARGE', `请求体过大（${measured} 字节，至多 ${maxBytes} 字节） / The request body has ${measured} bytes; the maximum is ${maxBytes}${also}`, maxBytes, measured);
  };
  const bodyErrors: ErrorRequestHandler = (error: BodyParserError, _request, response, next) => {
    if (error.type === 'entity.too.large') {
      const size = Number((error as { length?: unknown }).length);
      const measured = Number.isFinite(size) ? size : parseLimit + 1;
      sendGraphQLErrors(response, 413, [tooLarge(measured)]);
    } else if (error.expose && error.status && error.status >= 400 && error.status < 500) {
      // body-parser's other client errors (malformed JSON, an unsupported charset or encoding, a body
      // it could not read whole), said in our words (`bodyRefusal`), not the library's.
      sendGraphQLErrors(response, error.status, [new GraphQLError(bodyRefusal(error), { extensions: { code: 'BAD_REQUEST' } })]);
    } else {
      next(error);
    }
  };
  const refuseBatches: RequestHandler = (request, response, next) => {
    if (!Array.isArray(request.body)) return next();
    sendGraphQLErrors(response, 400, [
      new GraphQLError('不接受批量请求，每次请求只发送一个操作 / Batched requests are not accepted: send one operation per request, as a JSON object', { extensions: { code: 'BAD_REQUEST' } }),
    ]);
  };
  // JSON nested deeper than any request needs, refused before anything walks it (`jsonDepth.ts`).
  // A GET's `variables` and `extensions` are JSON too, in its search parameters.
  const refuseDeepJson: RequestHandler = (request, response, next) => {
    const sent = request.method === 'GET' ? [request.query['variables'], request.query['extensions']].map(parsedOrNothing) : [request.body];
    if (!sent.some((value) => nestsDeeperThan(value, MAX_JSON_DEPTH))) return next();
    sendGraphQLErrors(response, 400, [
      new GraphQLError(
        `请求体的 JSON 嵌套过深（超过 ${MAX_JSON_DEPTH} 层），请检查 variables 等参数的写法 / The request body's JSON nests more than ${MAX_JSON_DEPTH} levels of objects and arrays; the maximum is ${MAX_JSON_DEPTH}`,
        { extensions: { code: 'BAD_REQUEST', limit: MAX_JSON_DEPTH } },
      ),
    ]);
  };
  // A body above the ordinary limit was read only because an import call may be that large.
  const refuseLargeUnlessImport: RequestHandler = (request, response, next) => {
    const size = sizes.get(request) ?? 0;
    if (size <= maxBytes || (imports && isImportOperation(request.body, maxBytes, imports.maxTokens))) return next();
    sendGraphQLErrors(response, 413, [tooLarge(size)]);
  };
  // A JSON object with no keys (`{}`) is a request without a query: Apollo refuses it in the words it
  // has for a body missing or of another content type, which Linju's say as 请求体为空 (maskErrors). Read as
  // the `{"query": null}` it amounts to, it is refused as a request without a query (请求中没有查询).
  // A body of no bytes is read as `{}` too, and stays as it is: that one is empty.
  const noQuery: RequestHandler = (request, _response, next) => {
    const body: unknown = request.body;
    if ((sizes.get(request) ?? 0) > 0 && body && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) request.body = { query: null };
    next();
  };
  const parser = (limit: number) => express.json({ limit, verify: (request, _response, buffer) => void sizes.set(request, buffer.length) });
  const ordinary = parser(maxBytes);
  const forImports = parser(parseLimit);
  // Only a signed-in caller may write, so only a request that carries a token is read up to the
  // import's larger limit: an anonymous one is cut at the ordinary limit while it is read.
  const json: RequestHandler = (request, response, next) => (/^Bearer\s+\S/i.test(request.headers.authorization ?? '') ? forImports : ordinary)(request, response, next);
  return [json, bodyErrors, refuseBatches, refuseDeepJson, refuseLargeUnlessImport, noQuery];
}

