import './telemetry.ts';
import { readFile } from 'node:fs/promises';
import { ConfigError, readGatewayConfig, type GatewayConfig } from './config.ts';
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
const gateway = await startGateway({
  supergraphSdl: await readFile(config.supergraphPath, 'utf8'),
  subgraphUrls: { ...config.subgraphUrls },
  port: config.port,
  host: config.host,
});
console.log(`[gateway] ready at ${gateway.url}`);
console.log(`Explorer (GraphiQL): ${gateway.url.replace(/graphql$/, '')}`);

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the gateway`);
  await gateway.stop();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
