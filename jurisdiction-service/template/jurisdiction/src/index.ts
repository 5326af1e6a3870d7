import { subgraphProcess } from '@linju/subgraph-runtime/process';

await subgraphProcess('{{key}}', () => import('./server.ts'));
