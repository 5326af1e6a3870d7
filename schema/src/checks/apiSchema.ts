import { Supergraph, printSchema } from '@apollo/federation-internals';
import { buildSchema, type GraphQLSchema } from 'graphql';

/**
 * The API schema clients see, built from a supergraph SDL. Through SDL text: federation-internals
 * (CommonJS) and ESM code under Vite may load separate copies of graphql, whose schema objects
 * must not be mixed.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return buildSchema(printSchema(Supergraph.build(supergraphSdl).apiSchema()));
}
