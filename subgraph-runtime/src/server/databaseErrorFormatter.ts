import type { GraphQLFormattedError } from 'graphql';
import { databaseUnavailableError, isDatabaseUnavailable } from '../database/databaseUnavailable.ts';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Apollo Server's `formatError` for a subgraph: an error caused by the store being unreachable
 * becomes DATABASE_UNAVAILABLE naming the store (in development too: Prisma's raw message names
 * hosts and ports and tells a client nothing it can act on); any other error goes to `next`
 * (production's masking) or stays as it is.
 */
export function databaseErrorFormatter(store: string, next?: FormatError): FormatError {
  return (formatted, error) => {
    if (isDatabaseUnavailable(error)) {
      const unavailable = databaseUnavailableError(store);
      return { message: unavailable.message, ...(formatted.path && { path: formatted.path }), ...(formatted.locations && { locations: formatted.locations }), extensions: unavailable.extensions };
    }
    return next ? next(formatted, error) : formatted;
  };
}
