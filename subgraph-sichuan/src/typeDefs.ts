import { definition } from './subgraph.ts';

/** Sichuan's subgraph SDL, for composition. */
export const typeDefs = definition.typeDefs;
