import { parseArgs, type ParseArgsConfig } from 'node:util';
import { GATEWAY_URL_VARIABLE, gatewayUrlSetting } from '@linju/observability';
import { LedgerError } from './LedgerError.ts';

/** Node's own refusals of a command line, by code, in the clerk's words (the option named as typed). */
const REFUSALS: Readonly<Record<string, (option: string) => string>> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: (option) => `没有选项“${option}”`,
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: (option) => `选项“${option}”的取值有误（缺少取值，或不应带取值）`,
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: (option) => `多余的参数“${option}”（每个取值前应有选项名，如 --period）`,
};

/**
 * `parseArgs` of the ledger's commands: an unknown option, a missing value or a stray argument is a
 * LedgerError in Chinese (the command prints one line and exits 1) instead of Node's stack trace.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const refusal = REFUSALS[code];
    if (!refusal) throw error;
    const named = /'([^' ]+)/.exec((error as Error).message)?.[1] ?? '';
    throw new LedgerError(`${refusal(named)}；用 --help 查看用法。`);
  }
}

/** The usage's line on `--gateway`, the same in every command. */
export const GATEWAY_USAGE = `--gateway URL: the gateway's GraphQL endpoint; default ${GATEWAY_URL_VARIABLE}, else http://127.0.0.1:<PORT or 4000>/graphql.`;

/** The gateway a command talks to: its `--gateway`, else LINJU_GATEWAY_URL, else the gateway on this machine (gatewayUrlSetting, one rule for every tool). */
export function commandGateway(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return gatewayUrlSetting(env, given).url;
}

/** What a command that stopped prints: its verdict and why; a gateway out of reach also says how to name another. */
export function commandFailure(verdict: string, error: LedgerError): string {
  const where = error.kind === 'gateway-unreachable' ? `网关地址可用 --gateway 或环境变量 ${GATEWAY_URL_VARIABLE} 指定。` : '';
  return `${verdict}：${error.message}${where}`;
}
