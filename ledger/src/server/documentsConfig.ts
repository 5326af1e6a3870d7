import { claimNamesSetting, ConfigError, GATEWAY_URL_VARIABLE, gatewayUrlSetting, isProduction, setting } from '@linju/observability';

/** Default of `LINJU_DOCUMENTS_PORT`: beside the gateway (4000) and the identity provider (4010). */
export const DEFAULT_DOCUMENTS_PORT = 4020;

export interface DocumentsConfig {
  /** `LINJU_DOCUMENTS_PORT`: where it listens, on 127.0.0.1 only; 0 picks a free port. */
  port: number;
  /** `LINJU_GATEWAY_URL`: the gateway's GraphQL endpoint. Default `http://127.0.0.1:<PORT or 4000>/graphql`. */
  gatewayUrl: string;
}

export function readDocumentsConfig(env: NodeJS.ProcessEnv = process.env): DocumentsConfig {
  // As every process of Linju: a LINJU_ENV that is neither mode (LINJU_ENV=prod) stops the start.
  isProduction(env);
  const portText = setting(env, 'LINJU_DOCUMENTS_PORT') ?? String(DEFAULT_DOCUMENTS_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw ConfigError.invalid('LINJU_DOCUMENTS_PORT', portText, 'an integer from 0 to 65535');
  const gatewayUrl = gatewayUrlSetting(env).url;
  let url: URL;
  try {
    url = new URL(gatewayUrl);
  } catch {
    throw ConfigError.invalid(GATEWAY_URL_VARIABLE, gatewayUrl, "the gateway's GraphQL endpoint, such as http://127.0.0.1:4000/graphql");
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw ConfigError.invalid(GATEWAY_URL_VARIABLE, gatewayUrl, 'an http: or https: URL');
  // Read again for each token (tokenHolder.ts); a name that is none stops the start here.
  claimNamesSetting(env);
  return { port, gatewayUrl: url.href };
}
