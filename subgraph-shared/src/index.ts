import { subgraphProcess } from '@linju/subgraph-runtime/process';

await subgraphProcess('joint', () => import('./server.ts'));
