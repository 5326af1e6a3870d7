import { dataRoot } from '@linju/access';
import { ConfigError, isProduction } from '@linju/observability';
import { identityKeysFile } from './signingKeys.ts';

/** Default of `LINJU_IDP_PORT`. */
export const DEFAULT_IDP_PORT = 4010;

/** The development identity provider's settings, read from the environment once at start-up. */
export interface IdentityConfig {
  /** `LINJU_IDP_PORT`: where it listens, on 127.0.0.1 only; 0 picks a free port. Default 4010. */
  readonly port: number;
  /**
   * `LINJU_IDP_GATEWAY_URL`: the gateway whose pages sign in here (their redirect URIs are built
   * from its origin). Default `http://127.0.0.1:<PORT or 4000>`, the gateway of `npm start`.
   */
  readonly gatewayUrl: string;
  /** Its signing and cookie keys: `LINJU_DATA_DIR/identity/keys.json`, generated on first start. */
  readonly keysFile: string;
}

/** Why the provider must not start: it is for development only. */
export const PRODUCTION_REFUSAL =
  'The development identity provider refuses to run in production (LINJU_ENV=production or NODE_ENV=production): its accounts and passwords are public; set the gateway\'s LINJU_OIDC_ISSUER to the office\'s identity provider instead';

/** Reads and checks the settings; throws a ConfigError whose one-line message names the variable. */
export function readIdentityConfig(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  if (isProduction(env)) throw new ConfigError(env.LINJU_ENV?.trim() === 'production' ? 'LINJU_ENV' : 'NODE_ENV', PRODUCTION_REFUSAL);
  const portText = env.LINJU_IDP_PORT?.trim() || String(DEFAULT_IDP_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw ConfigError.invalid('LINJU_IDP_PORT', portText, 'an integer from 0 to 65535');
  const gatewayUrl = env.LINJU_IDP_GATEWAY_URL?.trim() || `http://127.0.0.1:${env.PORT?.trim() || 4000}`;
  let url: URL;
  try {
    url = new URL(gatewayUrl);
  } catch {
    throw ConfigError.invalid('LINJU_IDP_GATEWAY_URL', gatewayUrl, "the gateway's http(s) URL, such as http://127.0.0.1:4000");
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw ConfigError.invalid('LINJU_IDP_GATEWAY_URL', gatewayUrl, 'an http: or https: URL');
  return { port, gatewayUrl: url.href, keysFile: identityKeysFile(dataRoot(env)) };
}
