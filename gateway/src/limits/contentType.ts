import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { excerpt } from '@linju/contract';
import { SEND_JSON, SEND_JSON_EN } from '@linju/observability';
import { sendGraphQLErrors } from './sendGraphQLErrors.ts';

/** The content types a browser's form may POST without a CORS preflight (Apollo's CSRF rule). */
const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
/** Headers that mark a request as preflighted (Apollo's `recommendedCsrfPreventionRequestHeaders`). */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * Refuses a POST whose body is of another content type than JSON (`application/graphql`, `text/plain`
 * with a preflight header, XML) with HTTP 415 and BAD_REQUEST, naming the type it was sent as. The JSON
 * parser leaves such a body unread, and Apollo then refused it as 请求体为空 (the body is empty), of a
 * body that was not. A form's POST without a preflight header is left to Apollo's CSRF refusal, which
 * says what to send; a POST without a content type, to its refusal of a body missing.
 */
export function refuseOtherContentTypes(): RequestHandler {
  return (request, response, next) => {
    const type = request.headers['content-type'];
    if (request.method !== 'POST' || !type) return next();
    // The header's type, not `request.is`, which answers null for a request without a body: a JSON
    // POST of no body at all (no content-length) is left to the refusal of a body missing (请求体为空).
    const essence = type.split(';')[0]!.trim().toLowerCase();
    if (essence === 'application/json') return next();
    if (FORM_CONTENT_TYPES.includes(essence) && !PREFLIGHT_HEADERS.some((header) => request.headers[header])) return next();
    const sent = excerpt(type);
    sendGraphQLErrors(response, 415, [
      new GraphQLError(
        `请求体须为 JSON（收到的 content-type 为“${sent}”），请${SEND_JSON} / The request body must be JSON (its content-type was "${sent}"): ${SEND_JSON_EN}`,
        { extensions: { code: 'BAD_REQUEST' } },
      ),
    ]);
  };
}
