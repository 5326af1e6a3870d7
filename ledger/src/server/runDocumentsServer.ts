/**
 * The documents server as a process, loaded by `index.ts` (`npm start` runs it after the gateway): ledgers in, lists and
 * figure tables out, and the briefing, for the dashboard behind the gateway's `/documents/`.
 * `LINJU_DOCUMENTS_PORT` (default 4020; 127.0.0.1 only) and `LINJU_GATEWAY_URL` (default the
 * gateway of `npm start`, `http://127.0.0.1:<PORT or 4000>/graphql`). Logs `documents server ready at <url>`.
 */
import { createLogger, exitOnConfigError, startTracing, stopOnSignals } from '@linju/observability';
import { readDocumentsConfig, type DocumentsConfig } from './documentsConfig.ts';

const logger = createLogger('documents');
// An OTEL_* setting the operator must fix: one line naming it.
const tracing = await startTracing('documents').catch((error: unknown) => exitOnConfigError(error, logger));
const signals = stopOnSignals({ logger, tracing, stopping: 'stopping the documents server (no new connections; finishing open downloads)' });
let config: DocumentsConfig;
try {
  config = readDocumentsConfig();
} catch (error) {
  // The operator's to fix: one line that names the variable.
  exitOnConfigError(error, logger);
}
// Loaded once the configuration is known good (exceljs, docx and ECharts take a moment).
const { startDocumentsServer } = await import('./documentsServer.ts');
// A port another process holds: one line naming LINJU_DOCUMENTS_PORT.
const server = await startDocumentsServer({ ...config, logger }).catch((error: unknown) => exitOnConfigError(error, logger));
logger.info({ url: server.url, gateway: config.gatewayUrl }, `documents server ready at ${server.url}/documents/`);
await signals.ready(() => server.stop());
