/**
 * The development identity provider as a process (`npm start` runs it before the gateway): prints
 * the sample accounts and their passwords for the person at the terminal, then `identity provider
 * ready at <issuer>`. Refuses to start in production.
 */
import { createLogger, exitOnConfigError } from '@linju/observability';
import { watchSupervisor } from '@linju/observability/supervisor';
import { DEV_ACCOUNTS } from './devAccounts.ts';
import { readIdentityConfig, type IdentityConfig } from './identityConfig.ts';
import { loadOrCreateIdentityKeys } from './signingKeys.ts';

function configOrExit(): IdentityConfig {
  try {
    return readIdentityConfig();
  } catch (error) {
    // The operator's to fix: one line that names the variable, no stack trace.
    exitOnConfigError(error);
  }
}

const config = configOrExit();
// Loaded once the configuration is known good: a refusal is one line, without the library's start-up notices.
const { startIdentityProvider } = await import('./identityProvider.ts');
const logger = createLogger('identity');
const running = await startIdentityProvider({ port: config.port, host: '127.0.0.1', gatewayUrl: config.gatewayUrl, keys: await loadOrCreateIdentityKeys(config.keysFile) }).catch(
  // A port another process holds: one line naming LINJU_IDP_PORT.
  (error: unknown) => exitOnConfigError(error, logger),
);

// Plain lines for the person at the terminal, never log records: no password belongs in a log.
console.log('Development sign-in accounts (账号 / 密码; development only, refused in production):');
for (const account of DEV_ACCOUNTS) {
  console.log(`  ${account.id.padEnd(18)} ${account.password.padEnd(22)} ${(account.role ?? '(no Linju role)').padEnd(18)} ${(account.region ?? '').padEnd(10)} ${account.unit} ${account.name}`);
}
logger.info({ issuer: running.issuer, gateway: config.gatewayUrl }, `identity provider ready at ${running.issuer}`);

let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, `${signal}: stopping the identity provider`);
  await running.stop().catch(() => undefined);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Started by npm start or npm run cluster: gone with it.
watchSupervisor(() => void stop('SIGTERM'));
