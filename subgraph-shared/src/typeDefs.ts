import { definition } from './subgraph.ts';

/** The joint subgraph's SDL, for composition. */
export const typeDefs = definition.typeDefs;
