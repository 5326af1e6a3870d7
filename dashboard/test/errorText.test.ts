import { expect, test } from 'vitest';
import { errorText } from '../src/graphql/errorText.ts';

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
