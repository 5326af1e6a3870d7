import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { limitError } from './QueryLimits.ts';
import { sendGraphQLErrors } from './sendGraphQLErrors.ts';

/** What body-parser attaches to the errors it raises. */
interface BodyParserError extends Error {
  type?: string;
  status?: number;
  expose?: boolean;
}

/**
 * Reads a GraphQL request's JSON body of at most `maxBytes` (after decompression), and refuses
 * batches. A body over the limit is answered 413 with code PAYLOAD_TOO_LARGE, malformed JSON 400,
 * both as GraphQL errors in JSON (never Express's HTML page, which shows a stack trace outside
 * NODE_ENV=production).
 */
export function requestBody(maxBytes: number): Array<RequestHandler | ErrorRequestHandler> {
  const bodyErrors: ErrorRequestHandler = (error: BodyParserError, _request, response, next) => {
    if (error.type === 'entity.too.large') {
      const size = Number((error as { length?: unknown }).length);
      const measured = Number.isFinite(size) ? size : maxBytes + 1;
      sendGraphQLErrors(response, 413, [limitError('PAYLOAD_TOO_LARGE', `The request body has ${measured} bytes; the maximum is ${maxBytes}`, maxBytes, measured)]);
    } else if (error.type === 'entity.parse.failed') {
      sendGraphQLErrors(response, 400, [new GraphQLError('The request body is not valid JSON', { extensions: { code: 'BAD_REQUEST' } })]);
    } else if (error.expose && error.status && error.status >= 400 && error.status < 500) {
      // body-parser's other client errors (an unsupported charset or encoding): its message is safe.
      sendGraphQLErrors(response, error.status, [new GraphQLError(error.message, { extensions: { code: 'BAD_REQUEST' } })]);
    } else {
      next(error);
    }
  };
  const refuseBatches: RequestHandler = (request, response, next) => {
    if (!Array.isArray(request.body)) return next();
    sendGraphQLErrors(response, 400, [
      new GraphQLError('Batched requests are not accepted: send one operation per request, as a JSON object', { extensions: { code: 'BAD_REQUEST' } }),
    ]);
  };
  return [express.json({ limit: maxBytes }), bodyErrors, refuseBatches];
}

