/**
 * The documents server's entry point (`node --import tsx ledger/src/server/index.ts`): runs
 * `runDocumentsServer.ts`, loaded here because `@linju/contract` (through `@linju/observability`)
 * reads the membership file (`LINJU_FEDERATION_FILE`) as it loads: a bad one is then one line naming
 * the variable, exit code 1, as the gateway's and a subgraph's, not a stack trace. This module loads
 * nothing that reads it.
 */
import { exitOnConfigError } from '@linju/observability/configError';

await import('./runDocumentsServer.ts').catch((error: unknown) => exitOnConfigError(error));
