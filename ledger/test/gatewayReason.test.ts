import { expect, test } from 'vitest';
import { gatewayReason } from '../src/gatewayReason.ts';

// The gateway's own wording, as the documents server and the CLIs received it (QA, 2026-12-05).
test.each([
  ['a subgraph down: its code says it, not the English detail', { message: '四川省 (Sichuan Province) is unavailable: the gateway could not connect to it (ECONNREFUSED)', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }, '其子图暂时无法连接'],
  ['an API message in both languages: its Chinese', { message: 'filter.regionId "bogus" 不是邻聚 ID / is not a Linju ID (<home>:<Type>:<key>)', extensions: { code: 'BAD_USER_INPUT' } }, 'filter.regionId "bogus" 不是邻聚 ID'],
  ['English alone: the fallback', { message: 'Anonymous callers may read only public aggregate figures; sign in for the rest', extensions: { code: 'FORBIDDEN' } }, '（备用）'],
  ['no error at all: the fallback', undefined, '（备用）'],
])('%s', (_, error, reason) => {
  expect(gatewayReason(error, '（备用）')).toBe(reason);
});
