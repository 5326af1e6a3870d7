import './telemetry.ts';
import { readFile } from 'node:fs/promises';
import { ConfigError, readGatewayConfig, type GatewayConfig } from './config.ts';
import { ROLES } from '@linju/subgraph-kit';
import { authenticatorFor } from './auth/authenticatorFor.ts';
import { mintDevToken } from './auth/devKeys.ts';
import { startGateway } from './server.ts';

function configOrExit(): GatewayConfig {
  try {
    return readGatewayConfig();
  } catch (error) {
    // A misconfiguration is the operator's to fix: the message, not a stack trace.
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const config = configOrExit();
const { authenticate, devKeys } = await authenticatorFor(config.tokens);
const gateway = await startGateway({
  supergraphSdl: await readFile(config.supergraphPath, 'utf8'),
  subgraphUrls: { ...config.subgraphUrls },
  subgraphSecrets: { ...config.subgraphSecrets },
  authenticate,
  port: config.port,
  host: config.host,
  production: config.production,
  limits: config.limits,
  maxBodyBytes: config.maxBodyBytes,
});
if (devKeys) {
  // The embedded default: ready-made tokens so an analyst can explore each role at once.
  console.log('Development tokens (12 h; paste into the explorer\'s Headers as {"Authorization": "Bearer <token>"}):');
  for (const role of ROLES) console.log(`  ${role.padEnd(18)} ${await mintDevToken(devKeys, role)}`);
  console.log('  (no token: anonymous, public aggregate figures only)');
}
console.log(`[gateway] ready at ${gateway.url}${config.production ? ' (production mode)' : ''}`);

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the gateway`);
  await gateway.stop();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
