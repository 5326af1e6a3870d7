import { setting } from './setting.ts';

/**
 * The variable through which every tool that talks to a gateway is told where it is: the documents
 * server, `npm run import | export | report` and `npm run reconcile` (each command's `--gateway`
 * overrides it). docs/configuration.md.
 */
export const GATEWAY_URL_VARIABLE = 'LINJU_GATEWAY_URL';

/** Where a tool reaches the gateway, and what said so (`--gateway`, a variable, or the default). */
export interface GatewayUrlSetting {
  url: string;
  from: string;
}

/**
 * The gateway's GraphQL endpoint for a tool: `given` (its `--gateway`), else `LINJU_GATEWAY_URL`,
 * else any of `older` (variables a command read before, kept so that its users' scripts go on
 * working: `GATEWAY_URL` for `npm run reconcile`), else the gateway `npm start` runs on this
 * machine, `http://127.0.0.1:<PORT or 4000>/graphql`.
 */
export function gatewayUrlSetting(env: NodeJS.ProcessEnv, given?: string, older: readonly string[] = []): GatewayUrlSetting {
  if (given?.trim()) return { url: given.trim(), from: '--gateway' };
  for (const variable of [GATEWAY_URL_VARIABLE, ...older]) {
    const value = setting(env, variable);
    if (value) return { url: value, from: variable };
  }
  return { url: `http://127.0.0.1:${setting(env, 'PORT') ?? 4000}/graphql`, from: 'the default' };
}
