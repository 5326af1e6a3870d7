import { runSubgraph } from '@linju/subgraph-kit';
import { startSubgraph } from './server.ts';

await runSubgraph('{{key}}', startSubgraph);
