import { refusalText } from '@linju/contract/refusalText';

/** Why the gateway left something out, for a clerk: the error's code in Chinese where it says more than the message's English would. */
const BY_CODE: Readonly<Record<string, string>> = {
  SUBGRAPH_UNAVAILABLE: '其子图暂时无法连接',
  UNAUTHENTICATED: '登录已失效，请重新登录',
};

/**
 * The reason of a gateway error in Chinese, never its English: the Chinese part of the message
 * (the API writes `中文 / English`), else a sentence for its code, else `fallback`.
 */
export function gatewayReason(error: { message?: string; extensions?: { code?: unknown } } | undefined, fallback: string): string {
  const code = typeof error?.extensions?.code === 'string' ? error.extensions.code : '';
  return BY_CODE[code] ?? refusalText(error?.message ?? '') ?? fallback;
}
