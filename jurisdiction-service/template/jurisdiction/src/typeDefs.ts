import { definition } from './subgraph.ts';

/** {{Prefix}}'s subgraph SDL, for composition. */
export const typeDefs = definition.typeDefs;
