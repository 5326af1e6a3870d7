import { runSubgraph } from '@linju/subgraph-kit';
import { startSubgraph } from './server.ts';

await runSubgraph('chongqing', 4002, startSubgraph);
