/**
 * The gateway's entry point (`node dist/gateway/index.mjs`, or through tsx under `npm start`): runs
 * `runGateway.ts`, loaded here because `@linju/contract` reads the membership file
 * (`LINJU_FEDERATION_FILE`) as it loads: a bad one is then one line naming the variable, exit code 1,
 * as a subgraph's (`subgraphProcess`), not a stack trace. This module loads nothing that reads it.
 */
import './telemetry.ts';
import { exitOnConfigError } from '@linju/observability/configError';

await import('./runGateway.ts').catch((error: unknown) => exitOnConfigError(error));
