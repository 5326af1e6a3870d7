/** The gateway process: configuration, authentication, the server, and its stop on signals. Run by `index.ts`, which loads it. */
import './telemetry.ts';
import { readFile } from 'node:fs/promises';
import { readGatewayConfig, type GatewayConfig } from './config.ts';
import { ROLES } from '@linju/access';
import { ConfigError, createLogger, exitOnConfigError, startTracing, stopOnSignals, type Logger, type Tracing } from '@linju/observability';
import { authenticatorFor, type ConfiguredAuthentication } from './auth/authenticatorFor.ts';
import { mintDevToken } from './auth/devKeys.ts';
import { startGateway } from './server.ts';

/** JSON logs at LOG_LEVEL, and traces exported only if the OTEL_* variables say where. */
async function observabilityOrExit(): Promise<{ logger: Logger; tracing: Tracing }> {
  try {
    const logger = createLogger('gateway');
    return { logger, tracing: await startTracing('gateway') };
  } catch (error) {
    // LOG_LEVEL or an OTEL_* variable the operator must fix: the message names it.
    console.error((error as Error).message);
    process.exit(1);
  }
}

const { logger, tracing } = await observabilityOrExit();
const signals = stopOnSignals({ logger, tracing, stopping: 'stopping the gateway (no new connections; draining in-flight requests)' });

function configOrExit(): GatewayConfig {
  try {
    return readGatewayConfig();
  } catch (error) {
    // A misconfiguration is the operator's to fix: the message, not a stack trace.
    if (!(error instanceof ConfigError)) throw error;
    logger.fatal({ variable: error.variable }, error.message);
    process.exit(1);
  }
}

async function authenticationOrExit(): Promise<ConfiguredAuthentication> {
  try {
    return await authenticatorFor(config.tokens, { production: config.production, logger });
  } catch (error) {
    // An issuer or a JWKS that cannot be used, or a LINJU_JWKS_URL that cannot be reached: one line naming
    // LINJU_OIDC_ISSUER, LINJU_JWKS_FILE or LINJU_JWKS_URL. An issuer that does not answer (its discovery
    // document or its keys) does not stop the start (issuerKeys).
    exitOnConfigError(error, logger);
  }
}

const config = configOrExit();
const { authenticate, devKeys, signInOrigins, close: stopWatchingKeys } = await authenticationOrExit();
const gateway = await startGateway({
  supergraphSdl: await readFile(config.supergraphPath, 'utf8'),
  subgraphUrls: { ...config.subgraphUrls },
  ...(config.subgraphTls && { subgraphTls: config.subgraphTls }),
  subgraphSecrets: { ...config.subgraphSecrets },
  authenticate,
  signIn: config.signIn,
  signInOrigins,
  port: config.port,
  host: config.host,
  production: config.production,
  limits: config.limits,
  maxBodyBytes: config.maxBodyBytes,
  maxImportBodyBytes: config.maxImportBodyBytes,
  registeredOperations: { only: config.registeredOperationsOnly },
  subgraphTimeoutsMs: { ...config.subgraphTimeoutsMs },
  subgraphRetries: config.subgraphRetries,
  responseCacheTtlMs: config.responseCacheTtlMs,
  ...(config.documentsUrl && { documentsUrl: config.documentsUrl }),
  trustedProxies: config.trustedProxies,
  logger,
}).catch(
  // A port another process holds, or an interface this machine lacks: one line naming PORT or HOST.
  (error: unknown) => exitOnConfigError(error, logger),
);
if (devKeys) {
  // The embedded default: ready-made tokens so an analyst can explore each role at once. Plain
  // lines for the person at the terminal, never log records: no token belongs in a log.
  console.log('Development tokens (12 h; paste into the explorer\'s Headers as {"Authorization": "Bearer <token>"}):');
  for (const role of ROLES) console.log(`  ${role.padEnd(18)} ${await mintDevToken(devKeys, role)}`);
  console.log('  (no token: anonymous, public aggregate figures only)');
  // The viewer token rides in the fragment, which browsers never send to a server; the page moves it to sessionStorage.
  console.log(`Joint dashboard (联合看板, as viewer): ${new URL('/dashboard/', gateway.url)}#token=${await mintDevToken(devKeys, 'viewer')}`);
}
logger.info({ url: gateway.url, production: config.production, signInIssuer: config.signIn.issuer, traceExporters: tracing.exporters }, `gateway ready at ${gateway.url}${config.production ? ' (production mode)' : ''}`);

await signals.ready(async () => {
  await gateway.stop();
  stopWatchingKeys();
});
