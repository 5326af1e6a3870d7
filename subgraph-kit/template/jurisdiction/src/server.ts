import { startSubgraph as start, type SubgraphOptions } from '@linju/subgraph-kit';
import { definition } from './subgraph.ts';

/** Starts {{Prefix}}'s subgraph over its store (embedded unless `databaseUrl` is given). */
export const startSubgraph = (options: SubgraphOptions) => start(definition, options);
