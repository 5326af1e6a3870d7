import { subgraphProcess } from '@linju/subgraph-runtime/process';

await subgraphProcess('sichuan', () => import('./server.ts'));
