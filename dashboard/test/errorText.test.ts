import { expect, test } from 'vitest';
import { errorText, isTokenRefusal } from '../src/graphql/errorText.ts';

/** What the gateway answered for a comparison period before 1800 (issue: the banner showed it raw). */
const RAW = 'Variable "$yearBefore" got invalid value "1799-01-01" at "yearBefore.from"; 日期 1799-01-01 超出 1800-01-01 至 2999-12-31 的范围 / Date 1799-01-01 is outside 1800-01-01 … 2999-12-31';

test('an error is said in Chinese by its code, never with its message', () => {
  const cases = ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'FORBIDDEN', 'UNAUTHENTICATED', 'QUERY_TOO_COSTLY', 'OPERATION_NOT_REGISTERED', 'INTERNAL_SERVER_ERROR', undefined];
  for (const code of cases) {
    const text = errorText({ message: RAW, ...(code && { extensions: { code } }) });
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toMatch(/Variable|yearBefore|1799|Date |[a-z]{3,}/);
  }
  expect(errorText({ message: RAW, extensions: { code: 'BAD_USER_INPUT' } })).toBe('所选条件无法查询（如日期超出可查询的范围），请调整时间段或辖区后再试。');
  expect(errorText({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } })).toContain('错误代码 INTERNAL_SERVER_ERROR');
});

test('the proxy’s rate limit on a read: said, with when the page reads again (Retry-After), never as an unknown code', () => {
  expect(errorText({ message: '请求过于频繁 / Too many requests', extensions: { code: 'RATE_LIMITED', retryAfter: 10 } })).toBe('请求过于频繁，暂时无法读取；页面将在 10 秒后自动重试。');
  expect(errorText({ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } })).toBe('请求过于频繁，暂时无法读取；页面将在片刻后自动重试。');
});

test('a subgraph’s refusal of the gateway’s statement is no refused sign-in', () => {
  const subgraph = { message: '本服务拒绝了该请求：调用方声明已被使用过 / Refused: replay', extensions: { code: 'UNAUTHENTICATED', reason: 'replay', subgraph: 'chongqing', jurisdiction: '重庆市' } };
  expect(isTokenRefusal(subgraph)).toBe(false);
  expect(errorText(subgraph)).toBe('重庆市的数据服务拒绝了网关的请求，其数据暂缺，稍后自动重试；如仍不行，请联系管理员。');
  const gateway = { message: '令牌已过期 / expired', extensions: { code: 'UNAUTHENTICATED', reason: 'expired' } };
  expect(isTokenRefusal(gateway)).toBe(true);
  expect(errorText(gateway)).toBe('登录已失效或令牌无效，请重新登录。');
});
