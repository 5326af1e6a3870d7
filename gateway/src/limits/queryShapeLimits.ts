import type { RequestHandler } from 'express';
import { parse, type DocumentNode, type GraphQLError } from 'graphql';
import { memoizeByText } from '@linju/contract/memo';
import { countTokens } from './countTokens.ts';
import { measureDocument } from './measureDocument.ts';
import { limitError, type QueryLimits } from './QueryLimits.ts';
import { repeatedFieldsError } from './repeatedFields.ts';
import { sendGraphQLErrors } from './sendGraphQLErrors.ts';

/** The limits a query text is held to before it is parsed for Apollo. */
type ShapeLimits = Pick<QueryLimits, 'maxTokens' | 'maxDepth' | 'maxAliases'>;

/** The query text of a request, wherever the GraphQL-over-HTTP request carries it. */
function queryText(request: Parameters<RequestHandler>[0]): unknown {
  if (request.method === 'GET') return request.query['query'];
  const body: unknown = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as { query?: unknown }).query : undefined;
}

/** The first limit a query text breaks, or undefined. */
export function queryShapeError(query: string, limits: ShapeLimits): GraphQLError | undefined {
  const tokens = countTokens(query);
  if (tokens > limits.maxTokens) {
    return limitError('QUERY_TOO_LARGE', `查询过长（${tokens} 个记号，至多 ${limits.maxTokens} 个） / The query has ${tokens} tokens; the maximum is ${limits.maxTokens}`, limits.maxTokens, tokens);
  }
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
  } catch {
    return undefined; // Apollo parses it again and reports the syntax error as usual.
  }
  const { depth, aliases } = measureDocument(document);
  if (depth > limits.maxDepth) {
    return limitError('QUERY_TOO_DEEP', `查询嵌套过深（${depth} 层，至多 ${limits.maxDepth} 层） / The query is ${depth} levels deep; the maximum query depth is ${limits.maxDepth}`, limits.maxDepth, depth);
  }
  if (aliases > limits.maxAliases) {
    return limitError('TOO_MANY_ALIASES', `查询的别名过多（${aliases} 个，至多 ${limits.maxAliases} 个） / The query uses ${aliases} aliases; the maximum is ${limits.maxAliases}`, limits.maxAliases, aliases);
  }
  return repeatedFieldsError(document);
}

/**
 * {@link queryShapeError} for these limits, remembered per query text (`memoizeByText`): the verdict
 * depends on nothing else, and counting, parsing and measuring a text is the costly part of the
 * check. A refusal is remembered too; its error is only ever read (`sendGraphQLErrors`), never changed.
 */
export function queryShapeCheck(limits: ShapeLimits): (query: string) => GraphQLError | undefined {
  return memoizeByText((query) => queryShapeError(query, limits));
}

/**
 * Refuses, with HTTP 400, a query over the token, depth or alias limit before Apollo parses and
 * validates it: validation is the first work a bomb would cause (overlapping-field checks grow
 * with the square of the aliases), and Apollo's pipeline offers no hook before validation that
 * may refuse a request. Lists and cost need the schema and the variables: `queryCostPlugin`.
 */
export function queryShapeLimits(limits: ShapeLimits): RequestHandler {
  const check = queryShapeCheck(limits);
  return (request, response, next) => {
    const query = queryText(request);
    const error = typeof query === 'string' ? check(query) : undefined;
    if (error) sendGraphQLErrors(response, 400, [error]);
    else next();
  };
}
