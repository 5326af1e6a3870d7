import { GraphQLError } from 'graphql';
import { MAX_PAGE } from '@linju/contract';

/**
 * What one request may ask of the federation, checked at the gateway before any subgraph is
 * called. Every limit is read from the environment by `config.ts` (the variable is named on
 * each field) and has a default that the project's examples, the dashboards' queries and the
 * whole test suite fit in with room to spare.
 */
export interface QueryLimits {
  /**
   * `LINJU_MAX_QUERY_DEPTH`: how deeply fields may nest (`{ a { b } }` is 2 deep), fragments
   * expanded. Introspection (`__schema`, `__type`) is left to graphql's own
   * MaxIntrospectionDepthRule. Default 12.
   */
  readonly maxDepth: number;
  /** `LINJU_MAX_ALIASES`: aliases in the operation, fragments expanded. Default 30. */
  readonly maxAliases: number;
  /** `LINJU_MAX_QUERY_TOKENS`: lexical tokens of the query text, comments excluded; checked before parsing. Default 3000. */
  readonly maxTokens: number;
  /** `LINJU_MAX_LIST_SIZE`: the largest `first` any list may be asked for, literal or variable. Default 100. */
  readonly maxListSize: number;
  /** `LINJU_MAX_QUERY_COST`: the largest estimated cost (see `estimateCost.ts`). Default 50000. */
  readonly maxCost: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 3000,
  maxListSize: MAX_PAGE,
  maxCost: 50_000,
};

/**
 * Stable `extensions.code` of each refusal; clients may branch on them. `TOO_MANY_WRITES` is the
 * one-write rule's (`oneWritePlugin.ts`) and `TOO_MANY_REPEATED_FIELDS` the repeated fields'
 * (`repeatedFields.ts`): limits no setting changes.
 */
export const LIMIT_ERROR_CODES = ['QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'QUERY_TOO_LARGE', 'LIST_TOO_LARGE', 'QUERY_TOO_COSTLY', 'PAYLOAD_TOO_LARGE', 'TOO_MANY_WRITES', 'TOO_MANY_REPEATED_FIELDS'] as const;
export type LimitErrorCode = (typeof LIMIT_ERROR_CODES)[number];

/**
 * A request over a limit: HTTP 400, a stable code, and the limit and the value in both the
 * message and `extensions` (`limit`, `value`), so a client can shrink its query.
 */
export function limitError(code: LimitErrorCode, message: string, limit: number, value: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, value, http: { status: 400 } } });
}
