import { runSubgraph } from '@linju/subgraph-runtime';
import { startSubgraph } from './server.ts';

await runSubgraph('sichuan', startSubgraph);
