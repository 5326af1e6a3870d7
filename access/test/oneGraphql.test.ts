import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, GraphQLSchema, parse } from 'graphql';
import { describe, expect, test } from 'vitest';

// vitest.shared.ts sends `import 'graphql'` to the CommonJS build that Apollo's packages load, so
// tests and the code they test share graphql's classes with Apollo, as they do under Node.
describe('Vitest loads one graphql, the one Apollo uses', () => {
  test('a GraphQLError that @apollo/subgraph throws is an instance of the imported GraphQLError', () => {
    let thrown: unknown;
    try {
      buildSubgraphSchema([{ typeDefs: parse('type Query { a: Missing }') }]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
  });

  test('a schema that @apollo/subgraph builds is an instance of the imported GraphQLSchema', () => {
    expect(buildSubgraphSchema([{ typeDefs: parse('type Query { a: String }') }])).toBeInstanceOf(GraphQLSchema);
  });

  test("Apollo Server's errors, its own and a resolver's, are instances of the imported GraphQLError", async () => {
    const refusal = new GraphQLError('refused', { extensions: { code: 'FORBIDDEN' } });
    const seen: unknown[] = [];
    const server = new ApolloServer({
      schema: buildSubgraphSchema([{ typeDefs: parse('type Query { a: String }'), resolvers: { Query: { a: () => Promise.reject(refusal) } } }]),
      formatError: (formatted, error) => {
        seen.push(error);
        return formatted;
      },
    });
    await server.start();
    try {
      await server.executeOperation({ query: '{ a }' });
      await server.executeOperation({ query: '{ b }' });
    } finally {
      await server.stop();
    }
    const [located, invalid] = seen as [GraphQLError, GraphQLError];
    // graphql's execution gives the resolver's error its path, keeping ours as the original.
    expect(located).toBeInstanceOf(GraphQLError);
    expect(located.originalError).toBe(refusal);
    expect(located.extensions['code']).toBe('FORBIDDEN');
    // Apollo Server's own validation error.
    expect(invalid).toBeInstanceOf(GraphQLError);
    expect(invalid.extensions['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
