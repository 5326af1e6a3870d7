import { runSubgraph } from '@linju/subgraph-kit';
import { startSubgraph } from './server.ts';

await runSubgraph('joint', 4003, startSubgraph);
