import { expect, test } from 'vitest';
import { gatewayReason } from '../src/gatewayReason.ts';

// The gateway's own wording, as the documents server and the CLIs received it (QA, 2026-12-05).
test.each([
  ['a subgraph down, said in English only: its code says it, not the English detail', { message: '四川省 (Sichuan Province) is unavailable: the gateway could not connect to it (ECONNREFUSED)', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }, '其子图暂时无法连接'],
  // The gateway's wording since it says it in Chinese too (QA, 2026-12-06): the side named, the caller's own advice after it.
  // Without the API's 本次回答中其部分为空, words of the answer's shape that a clerk read in the 简报 panel (QA, 2026-12-07).
  ['a subgraph down: its Chinese, naming the side, without the API’s 请稍后再试 nor 本次回答中其部分为空', { message: '四川省的数据暂不可用，本次回答中其部分为空，请稍后再试 / 四川省 (Sichuan Province) is unavailable: the gateway could not connect to its subgraph "sichuan". Its parts of this answer are null', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }, '四川省的数据暂不可用'],
  ['a subgraph too slow: its Chinese, without 本次回答中其部分为空', { message: '四川省的数据未能及时返回，本次回答中其部分为空 / 四川省 (Sichuan Province) did not answer in time: its subgraph "sichuan" gave no answer within 5000 ms. Its parts of this answer are null', extensions: { code: 'SUBGRAPH_TIMEOUT' } }, '四川省的数据未能及时返回'],
  ['a store’s PostgreSQL down: its Chinese, naming the store, without 请稍后再试 nor the advice for writes after it', { message: '四川省的数据库暂时无法连接，请稍后再试；写入可用原幂等键重新提交 / The sichuan store of 四川省 (Sichuan Province) is unavailable: its database cannot be reached. Try again shortly; a write may be sent again with its idempotency key', extensions: { code: 'DATABASE_UNAVAILABLE' } }, '四川省的数据库暂时无法连接'],
  // A write the gateway got no answer to (QA, 2026-12-07): the ledger says of its rows what became of them, in its own words.
  ['a write too slow: its Chinese, without the outcome nor the advice for writes', { message: '四川省未能及时答复，本次写入结果不明（可能已写入，或稍后写入），请稍后再试；重新提交请用原幂等键，未带幂等键的请先核对记录，确认未写入后再录入 / 四川省 (Sichuan Province) did not answer in time: its subgraph "sichuan" gave no answer within 5000 ms. Whether the write was made is unknown: it may have been, or may still be. Send it again with the same idempotency key, which makes it once; without a key, check the records before entering it again', extensions: { code: 'SUBGRAPH_TIMEOUT' } }, '四川省未能及时答复'],
  ['a write refused before it was sent: its Chinese, without the outcome', { message: '四川省的数据暂不可用，本次写入未送达，未写入，请稍后再试 / 四川省 (Sichuan Province) is unavailable: the gateway could not connect to its subgraph "sichuan". The write did not reach it, so nothing was written: send it again later', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }, '四川省的数据暂不可用'],
  ['an internal error, masked: its Chinese, without the advice', { message: '服务器内部错误，请稍后再试；如仍不行，请联系管理员 / Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, '服务器内部错误'],
  ['an API message in both languages: its Chinese', { message: 'filter.regionId "bogus" 不是邻聚 ID / is not a Linju ID (<home>:<Type>:<key>)', extensions: { code: 'BAD_USER_INPUT' } }, 'filter.regionId "bogus" 不是邻聚 ID'],
  ['English alone: the fallback', { message: 'Anonymous callers may read only public aggregate figures; sign in for the rest', extensions: { code: 'FORBIDDEN' } }, '（备用）'],
  ['no error at all: the fallback', undefined, '（备用）'],
])('%s', (_, error, reason) => {
  expect(gatewayReason(error, '（备用）')).toBe(reason);
});
