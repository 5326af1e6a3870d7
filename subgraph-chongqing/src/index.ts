import { subgraphProcess } from '@linju/subgraph-runtime/process';

await subgraphProcess('chongqing', () => import('./server.ts'));
