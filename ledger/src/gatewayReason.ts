import { refusalText } from '@linju/contract/refusalText';

/** Why the gateway left something out, for a clerk: the error's code in Chinese where it says more than the message's English would. */
const BY_CODE: Readonly<Record<string, string>> = {
  SUBGRAPH_UNAVAILABLE: '其子图暂时无法连接',
  UNAUTHENTICATED: '登录已失效，请重新登录',
};

/**
 * What the gateway's Chinese says for API clients and a clerk need not read: that the store's part
 * of the answer is null (四川省的数据暂不可用，本次回答中其部分为空), words of the answer's shape.
 */
const ANSWER_SHAPE = /[，,]?\s*本次回答中其部分为空/;

/**
 * What the gateway's Chinese says of a write it got no answer to (本次写入未送达，未写入, or 本次写入结果不明（…）):
 * every caller of {@link gatewayReason} says what became of its own rows in its own words.
 */
const WRITE_OUTCOME = /[，,]?\s*本次写入(?:未送达，未写入|结果不明（[^）]*）)/;

/**
 * The reason of a gateway error in Chinese, never its English: the Chinese part of the message
 * (the API writes `中文 / English`; a subgraph's outage names its owner there: 四川省的数据暂不可用…),
 * else a sentence for its code, else `fallback`. Without the API's own 请稍后再试 (nor the advice after
 * it): every caller ends its sentence with its own advice; nor its words of the answer's shape
 * (本次回答中其部分为空, {@link ANSWER_SHAPE}) or of a write's outcome ({@link WRITE_OUTCOME}): a clerk reads 四川省的数据暂不可用.
 */
export function gatewayReason(error: { message?: string; extensions?: { code?: unknown } } | undefined, fallback: string): string {
  const code = typeof error?.extensions?.code === 'string' ? error.extensions.code : '';
  const message = error?.message ?? '';
  // A code's own sentence says more than a message in English that merely starts with a Chinese name.
  if (BY_CODE[code] && !message.includes(' / ')) return BY_CODE[code]!;
  // The advice after it goes too: a store down says 请稍后再试；写入可用原幂等键重新提交, for writes, and these are reads.
  const chinese = refusalText(message)?.replace(/[，,]?\s*请稍后再试(?:[；;][^；;]*)?[。.]?$/, '').replace(ANSWER_SHAPE, '').replace(WRITE_OUTCOME, '');
  return chinese || (BY_CODE[code] ?? fallback);
}
