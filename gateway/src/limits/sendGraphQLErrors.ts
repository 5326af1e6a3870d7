import type { Response } from 'express';
import type { GraphQLError } from 'graphql';

/**
 * Answers an HTTP request with a GraphQL-style error body, as Apollo would, for refusals made
 * before Apollo sees the request. `extensions.http` stays out of the body, as in Apollo's.
 */
export function sendGraphQLErrors(response: Response, status: number, errors: readonly GraphQLError[]): void {
  response.status(status).json({
    errors: errors.map((error) => {
      const { http: _http, ...extensions } = error.extensions;
      return { message: error.message, extensions };
    }),
  });
}
