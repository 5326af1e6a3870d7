import { definition } from './subgraph.ts';

/** Chongqing's subgraph SDL, for composition. */
export const typeDefs = definition.typeDefs;
