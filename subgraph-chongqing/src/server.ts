import { startSubgraph as start, type SubgraphOptions } from '@linju/subgraph-runtime';
import { definition } from './subgraph.ts';

/** Starts Chongqing's subgraph over its store (embedded unless `databaseUrl` is given). */
export const startSubgraph = (options: SubgraphOptions) => start(definition, options);
