import { describe, expect, test } from 'vitest';
import { rateLimitedErrors } from '../src/graphql/rateLimit.ts';
import { describeReadFailure, describeRecordFailure, describeWithdrawFailure, failureHeading, refusesToken } from '../src/record/recordFailure.ts';
import { checkWithdrawReason } from '../src/record/withdrawReason.ts';
import { LENGTH, MAX, MIN } from '@linju/contract/writeLimits';

// What the 登记活动 panel tells the person for each answer the gateway may give instead of a record:
// always Chinese, never the raw error.

const OUTSIDE = {
  message:
    '磨溪镇（510904101）的操作员只能写入本区划内的记录，该记录属于分水镇（510904102），未作任何更改。 / An operator of 磨溪镇（510904101） may write only records within that region; this record lies in 分水镇（510904102）. Nothing was changed.',
  extensions: { code: 'FORBIDDEN', rule: 'outside-region', role: 'sichuan-operator', operatorRegion: '510904101', operatorRegionName: '磨溪镇', recordRegion: '510904102', recordRegionName: '分水镇' },
};
const input = (field: string, rule: string, code = 'BAD_USER_INPUT') => ({ message: `${field} is wrong`, extensions: { code, field, rule } });

describe('a refusal outside the operator’s region', () => {
  test('shows the owner’s Chinese message, naming both regions', () => {
    expect(describeRecordFailure([OUTSIDE], '四川省')).toEqual({
      kind: 'outside-region',
      message: '磨溪镇（510904101）的操作员只能写入本区划内的记录，该记录属于分水镇（510904102），未作任何更改。',
      operatorRegionName: '磨溪镇',
      recordRegionName: '分水镇',
    });
  });

  test('a message without Chinese is said from the regions the error names', () => {
    const failure = describeRecordFailure([{ ...OUTSIDE, message: 'outside region' }], '四川省');
    expect(failure.message).toBe('磨溪镇的操作员只能写入本区划内的记录，该记录属于分水镇，未作任何更改。');
  });
});

describe('an input the owner refused highlights its field', () => {
  test.each([
    ['heldOn', 'future-date', '举办日期不能晚于今天'],
    ['heldOn', 'before-founding', '举办日期早于主办组织的成立日期'],
    ['organizerId', 'dissolved', '所选主办组织在举办日期前已撤销'],
    ['title', 'too-long', `名称至多 ${LENGTH.title} 字，请精简`],
    ['title', 'malformed', '名称格式不对或含有不可见字符'],
    ['sessions', 'too-small', `场次须为不小于 ${MIN.sessions} 的整数`],
    // The maximum is said, from writeLimits' MAX, as the import says it.
    ['personTimes', 'too-large', `人次至多为 ${MAX.personTimes}，请核对`],
    ['talentsRecruited', 'too-large', `引进人才至多为 ${MAX.talents}，请核对`],
    ['talentsRecruited', 'not-applicable', '引进人才只计入“引才活动”，其他类别请留空或填 0'],
    ['kind', 'unknown-kind', '类别不在可选范围内，请重新选择'],
    ['allianceId', 'malformed-id', '所选所属联盟无效，请重新选择'],
    ['organizerId', 'wrong-jurisdiction', '所选主办组织无效，请重新选择'],
    ['title', 'required', '请填写名称'],
    ['organizerId', 'some-new-rule', '主办组织有误，请核对'],
  ])('%s %s → %s', (field, rule, message) => {
    expect(describeRecordFailure([input(field, rule)], '四川省')).toEqual({ kind: 'input', field, message });
  });

  test('a date its scalar refused, named by the variable’s path (no rule): the field marked, the Chinese part said', () => {
    const refused = {
      message: '举办日期 1700-01-01 超出 1800-01-01 至 2999-12-31 的范围 / variables.input.heldOn: the day 1700-01-01 is outside 1800-01-01 … 2999-12-31',
      extensions: { code: 'BAD_USER_INPUT', field: 'variables.input.heldOn' },
    };
    expect(describeRecordFailure([refused], '四川省')).toEqual({ kind: 'input', field: 'heldOn', message: '举办日期 1700-01-01 超出 1800-01-01 至 2999-12-31 的范围' });
  });

  test('an organizer that no longer exists', () => {
    expect(describeRecordFailure([input('organizerId', '', 'NOT_FOUND')], '四川省')).toEqual({ kind: 'input', field: 'organizerId', message: '所选主办组织已不存在，请重新选择' });
  });
});

describe('everything else', () => {
  test('a refused or expired token asks to sign in again, whatever else the answer says', () => {
    expect(describeRecordFailure([OUTSIDE, { message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }], '四川省')).toEqual({ kind: 'signed-out', message: '登录已失效或令牌无效，请重新登录。' });
  });

  test.each([
    [{ message: 'Role viewer may not run sichuanRecordActivity', extensions: { code: 'FORBIDDEN', role: 'viewer' } }, '当前账号无权登记四川省的活动。'],
    [{ message: 'down', extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'sichuan', jurisdiction: '四川省' } }, '四川省数据暂不可用，请稍后再试。'],
    [{ message: 'reused', extensions: { code: 'IDEMPOTENCY_KEY_REUSED', rule: 'other-request' } }, '这次提交与上一次的内容不一致，请再点一次“登记”。'],
    [{ message: 'reused', extensions: { code: 'IDEMPOTENCY_KEY_REUSED', rule: 'another-sender' } }, '另一位操作员已提交过内容相同的请求，请先刷新页面核对是否已完成，确需再做时再点“登记”。'],
    [{ message: 'not registered', extensions: { code: 'OPERATION_NOT_REGISTERED' } }, '看板与网关的版本不一致，请刷新页面后再试。'],
    [{ message: '每次请求只能做一项写入（一个写入字段），本次有 2 项… / A request may make one write', extensions: { code: 'TOO_MANY_WRITES', limit: 1, value: 2 } }, '每次只能提交一项写入，本次未作任何更改；请刷新页面后再试。'],
    [{ message: 'Variable "$input" got invalid value', extensions: { code: 'BAD_USER_INPUT' } }, '填写的内容有误，请核对后再试。'],
    [{ message: 'Internal server error: {"raw":1}', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, '未能完成（错误代码 INTERNAL_SERVER_ERROR），请稍后再试；如仍不行，请联系管理员。'],
  ])('%j', (error, message) => {
    const failure = describeRecordFailure([error], '四川省');
    expect(failure).toEqual({ kind: 'other', message });
    expect(failure.message).not.toContain(error.message);
  });
});

// A write the gateway got no answer to: it says what it knows of it (extensions.writeOutcome, docs/api.md),
// and the panel says that, not 暂不可用 as if it had been refused for an outage.
describe('a write the gateway got no answer to', () => {
  const lost = (code: string, writeOutcome?: string) => ({
    message: '四川省未能及时答复，本次写入结果不明… / 四川省 (Sichuan Province) did not answer in time',
    path: ['sichuanRecordActivity'],
    extensions: { code, subgraph: 'sichuan', jurisdiction: '四川省', ...(writeOutcome && { writeOutcome }) },
  });

  test.each(['SUBGRAPH_TIMEOUT', 'SUBGRAPH_UNAVAILABLE'])('%s, not-written: 未写入, to be sent again later', (code) => {
    const failure = describeRecordFailure([lost(code, 'not-written')], '四川省');
    expect(failure).toEqual({ kind: 'other', message: '四川省暂时无法连接，本次未写入，请稍后再点“登记”。' });
    expect(failureHeading(failure, '未登记')).toBe('未登记');
    expect(describeWithdrawFailure([lost(code, 'not-written')], '四川省').message).toBe('四川省暂时无法连接，本次未写入，请稍后再点“确认撤销”。');
  });

  test.each(['SUBGRAPH_TIMEOUT', 'SUBGRAPH_UNAVAILABLE'])('%s, unknown: 结果未知, to be checked; no 未登记 above it', (code) => {
    const failure = describeRecordFailure([lost(code, 'unknown')], '四川省');
    expect(failure).toEqual({ kind: 'outcome-unknown', message: '四川省未及时答复，本次登记结果未知（可能已登记），请刷新核对；如未登记，再点“登记”按原提交发送，不会重复登记。' });
    expect(failureHeading(failure, '未登记')).toBe('结果未知');
    const withdrawal = describeWithdrawFailure([lost(code, 'unknown')], '四川省');
    expect(withdrawal).toEqual({ kind: 'outcome-unknown', message: '四川省未及时答复，本次撤销结果未知（可能已撤销），请刷新核对；如未撤销，再点“确认撤销”按原提交发送，不会重复撤销。' });
    expect(failureHeading(withdrawal, '未撤销')).toBe('结果未知');
  });

  test('a store down without a write outcome (a read, an older gateway) is still 暂不可用', () => {
    expect(describeRecordFailure([lost('DATABASE_UNAVAILABLE')], '四川省')).toEqual({ kind: 'other', message: '四川省数据暂不可用，请稍后再试。' });
  });
});

// 撤销这条记录: what the panel tells the clerk when the owner does not withdraw the activity, in
// the same words as the recording's where both writes meet the same (token, region, outage …).
describe('a withdrawal the owner refuses', () => {
  const byId = (rule: string | undefined, message = `sichuan:Activity:x is wrong`, code = 'BAD_USER_INPUT') => ({ message, extensions: { code, field: 'id', ...(rule && { rule }) } });

  test('withdrawn already: said with the day and the reason the owner names', () => {
    // 23:30 UTC on the 5th is 07:30 on the 6th in China: the clerk's day.
    const said = byId('withdrawn', '该活动记录已于 2026-12-06 撤销（原因：与（上午）的记录重复），无需再次撤销 / id sichuan:Activity:x was withdrawn at 2026-12-05T23:30:00.000Z');
    const refused = { ...said, extensions: { ...said.extensions, withdrawnAt: '2026-12-05T23:30:00.000Z', reason: '与（上午）的记录重复' } };
    expect(describeWithdrawFailure([refused], '四川省')).toEqual({ kind: 'withdrawn', message: '这条记录已于 2026-12-06 撤销（原因：与（上午）的记录重复），无需再次撤销。' });
    expect(describeWithdrawFailure([byId('withdrawn', 'withdrawn')], '四川省')).toEqual({ kind: 'withdrawn', message: '这条记录已经撤销，无需再次撤销。' });
  });

  test.each([
    ['in-use', '这条记录仍被其他记录引用，未作任何更改；请先撤销引用它的记录。'],
    ['not-withdrawable', '这类记录不能撤销登记，未作任何更改。'],
    ['wrong-jurisdiction', '这条记录无法在四川省撤销，未作任何更改。'],
  ])('%s → %s', (rule, message) => {
    expect(describeWithdrawFailure([byId(rule)], '四川省')).toEqual({ kind: 'other', message });
  });

  test('a record that is not there', () => {
    expect(describeWithdrawFailure([byId(undefined, 'gone', 'NOT_FOUND')], '四川省')).toEqual({ kind: 'other', message: '这条记录已不存在，无法撤销；请刷新页面核对。' });
  });

  test.each([
    ['required', '请填写撤销原因'],
    ['too-long', `撤销原因至多 ${LENGTH.reason} 字，请精简`],
    ['malformed', '撤销原因含有控制或不可见字符，请删去后再试'],
    ['some-new-rule', '撤销原因有误，请核对'],
  ])('the reason refused (%s) is said beside it', (rule, message) => {
    expect(describeWithdrawFailure([{ message: 'reason is wrong', extensions: { code: 'BAD_USER_INPUT', field: 'reason', rule } }], '四川省')).toEqual({ kind: 'reason', message });
  });

  test('outside the region, a refused token, an outage: as the recording says them', () => {
    expect(describeWithdrawFailure([OUTSIDE], '四川省')).toEqual(describeRecordFailure([OUTSIDE], '四川省'));
    expect(describeWithdrawFailure([{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }], '四川省')).toEqual({ kind: 'signed-out', message: '登录已失效或令牌无效，请重新登录。' });
    expect(describeWithdrawFailure([{ message: 'down', extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'sichuan', jurisdiction: '四川省' } }], '四川省')).toEqual({ kind: 'other', message: '四川省数据暂不可用，请稍后再试。' });
  });

  test.each([
    [{ message: 'Role viewer may not run sichuanWithdrawRecord', extensions: { code: 'FORBIDDEN', role: 'viewer' } }, '当前账号无权撤销四川省的记录。'],
    [{ message: 'reused', extensions: { code: 'IDEMPOTENCY_KEY_REUSED', rule: 'other-request' } }, '这次提交与上一次的内容不一致，请再点一次“确认撤销”。'],
    [{ message: 'reused', extensions: { code: 'IDEMPOTENCY_KEY_REUSED', rule: 'another-sender' } }, '另一位操作员已提交过内容相同的请求，请先刷新页面核对是否已完成，确需再做时再点“确认撤销”。'],
    [{ message: 'Internal server error: {"raw":1}', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, '未能完成（错误代码 INTERNAL_SERVER_ERROR），请稍后再试；如仍不行，请联系管理员。'],
  ])('%j', (error, message) => {
    const failure = describeWithdrawFailure([error], '四川省');
    expect(failure).toEqual({ kind: 'other', message });
    expect(failure.message).not.toContain(error.message);
  });
});

describe('an activity registered already (ALREADY_RECORDED)', () => {
  const SAME = '该活动已登记（座谈交流，“12月川渝党建联席会”，磨溪镇党委，2026-12-04），内容相同，未重复登记';
  test('with the same values: headed 已登记, the store naming the record, no internal ID', () => {
    const failure = describeRecordFailure([{ message: `${SAME} / this Activity is already recorded with the same values (sichuan:Activity:1); nothing was written`, extensions: { code: 'ALREADY_RECORDED', rule: 'same-record', id: 'sichuan:Activity:1' } }], '四川省');
    expect(failure).toEqual({ kind: 'already-recorded', message: `${SAME}。` });
    expect(failureHeading(failure, '未登记')).toBe('已登记');
  });

  test('with other values: a correction, not registered, saying to withdraw the record first', () => {
    const said = '已有同名同日的活动（座谈交流，“12月党建工作推进会”，磨溪镇党委，2026-12-05），人次为 30，本次为 31：如需更正，请先撤销原记录（撤销登记或撤销本次导入）再登记；未写入';
    const failure = describeRecordFailure([{ message: `${said} / withdraw it first`, extensions: { code: 'ALREADY_RECORDED', rule: 'same-identity', field: 'personTimes', id: 'sichuan:Activity:1' } }], '四川省');
    expect(failure).toEqual({ kind: 'other', message: `${said}。` });
    expect(failureHeading(failure, '未登记')).toBe('未登记');
  });
});

describe('the reason, checked before anything is sent', () => {
  test('is trimmed, and required', () => {
    expect(checkWithdrawReason('  与上午的记录重复 ')).toEqual({ ok: true, reason: '与上午的记录重复' });
    expect(checkWithdrawReason(' \n ')).toEqual({ ok: false, message: '请填写撤销原因' });
  });

  test('is at most LENGTH.reason characters, counted as the owner counts them (a character beyond the BMP is one)', () => {
    expect(checkWithdrawReason('重'.repeat(LENGTH.reason))).toEqual({ ok: true, reason: '重'.repeat(LENGTH.reason) });
    expect(checkWithdrawReason('𠀀'.repeat(LENGTH.reason)).ok).toBe(true);
    expect(checkWithdrawReason(`  ${'重'.repeat(LENGTH.reason + 1)}  `)).toEqual({ ok: false, message: `撤销原因至多 ${LENGTH.reason} 字（现有 ${LENGTH.reason + 1} 字），请精简` });
  });
});

// A write refused before anything was done (writeOutcome not-written) is worded by why: a secret the
// subgraph and the gateway do not share waits for an administrator; a subgraph's refusal of the whole
// request (its caller statement expired by clocks apart, or replayed) is said as the figures say it, the
// data service of the side that refused the gateway, never the subgraph's advice to a developer; any other
// refusal as a whole in its own Chinese words; none is 暂时无法连接, and none an expired sign-in (docs/api.md,
// "Writes the gateway got no answer to").
describe('a write refused before anything was done', () => {
  const mismatch = {
    message: '四川省的数据暂不可用：其子图与网关的密钥不一致，请管理员核对配置；子图在执行前拒绝了本次写入，未写入，请在配置改正后再提交 / The sichuan subgraph is unavailable: it and the gateway do not hold the same secret (SICHUAN_GATEWAY_SECRET)',
    path: ['sichuanRecordActivity'],
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'secret-mismatch', subgraph: 'sichuan', serviceName: 'sichuan', jurisdiction: '四川省', writeOutcome: 'not-written' },
  };
  const expired = {
    message: '本服务拒绝了该请求：调用方声明无效或已过期。各辖区的子服务只应答邻聚网关，请通过网关的 /graphql 发送请求 / Refused: the caller statement is not valid: its issuer, audience or times (expired …) do not hold. Subgraphs answer only the Linju gateway.',
    path: ['sichuanRecordActivity'],
    extensions: { code: 'UNAUTHENTICATED', reason: 'invalid', subgraph: 'sichuan', serviceName: 'sichuan', jurisdiction: '四川省', writeOutcome: 'not-written' },
  };

  test('a secret mismatch: 配置有误，需管理员处理, not 暂时无法连接', () => {
    expect(describeRecordFailure([mismatch], '四川省')).toEqual({ kind: 'other', message: '四川省的数据服务配置有误，需管理员处理，本次未写入；请在管理员改正后再点“登记”。' });
    expect(describeWithdrawFailure([mismatch], '四川省')).toEqual({ kind: 'other', message: '四川省的数据服务配置有误，需管理员处理，本次未写入；请在管理员改正后再点“确认撤销”。' });
  });

  test('a subgraph refusing the gateway’s statement: its side refused the gateway, 本次未写入, press again, else an administrator; no sign-in asked nor renewed', () => {
    expect(describeRecordFailure([expired], '四川省')).toEqual({ kind: 'other', message: '四川省的数据服务拒绝了网关的请求，本次未写入；请稍后再点“登记”，如仍不行请联系管理员。' });
    expect(describeWithdrawFailure([expired], '四川省')).toEqual({ kind: 'other', message: '四川省的数据服务拒绝了网关的请求，本次未写入；请稍后再点“确认撤销”，如仍不行请联系管理员。' });
    // The subgraph's own advice is for a developer calling it directly: the clerk did go through the gateway.
    expect(describeRecordFailure([expired], '四川省').message).not.toMatch(/调用方声明|graphql|本服务/);
    // The side is the refusing subgraph's, as the figures say it (errorText), not the side written to.
    const chongqing = { ...expired, extensions: { ...expired.extensions, subgraph: 'chongqing', serviceName: 'chongqing', jurisdiction: '重庆市' } };
    expect(describeRecordFailure([chongqing], '四川省').message).toMatch(/^重庆市的数据服务拒绝了网关的请求，/);
    expect(describeRecordFailure([{ ...expired, message: 'Refused' }], '四川省')).toEqual(describeRecordFailure([expired], '四川省'));
    expect(refusesToken([expired])).toBe(false);
    // The gateway's own refusal of the token (no subgraph named) is still the person's sign-in.
    expect(refusesToken([{ message: 'expired', extensions: { code: 'UNAUTHENTICATED', reason: 'expired' } }])).toBe(true);
  });

  test('a subgraph refusing the whole request for another code (the clerk’s input): its own Chinese words and 本次未写入', () => {
    const malformed = { message: '请求内容有误：请求体不是有效的 JSON / Bad request: the body is not valid JSON', path: ['sichuanRecordActivity'], extensions: { code: 'BAD_USER_INPUT', subgraph: 'sichuan', jurisdiction: '四川省', writeOutcome: 'not-written' } };
    expect(describeRecordFailure([malformed], '四川省')).toEqual({ kind: 'other', message: '请求内容有误：请求体不是有效的 JSON。本次未写入。' });
    // With no Chinese half: by its code, as before.
    expect(describeRecordFailure([{ ...malformed, message: 'Bad request' }], '四川省').message).toBe('填写的内容有误，请核对后再试。');
  });
});

// The public proxy's rate limit (HTTP 429, RATE_LIMITED, Retry-After: 10; testing/src/cluster/haproxyConfig.ts).
describe('a request the proxy refused for the client’s rate', () => {
  const limited = (retryAfter?: number) => ({ message: '请求过于频繁，请稍候几秒再试 / Too many requests from this address; try again in a few seconds', extensions: { code: 'RATE_LIMITED', ...(retryAfter !== undefined && { retryAfter }) } });

  test('a write: wait as Retry-After says, press again; not written', () => {
    expect(describeRecordFailure([limited(10)], '四川省')).toEqual({ kind: 'other', message: '请求过于频繁，请稍等 10 秒后再点“登记”；本次未写入。' });
    expect(describeWithdrawFailure([limited(10)], '四川省')).toEqual({ kind: 'other', message: '请求过于频繁，请稍等 10 秒后再点“确认撤销”；本次未写入。' });
    expect(describeRecordFailure([limited()], '四川省').message).toBe('请求过于频繁，请稍等片刻后再点“登记”；本次未写入。');
  });

  test('the panel’s reads (organizers, alliances, the region) say no write, and are tried again by hand', () => {
    expect(describeReadFailure([limited(10)], '四川省')).toEqual({ kind: 'other', message: '请求过于频繁，未能完成，请稍等 10 秒后再试。' });
    expect(describeReadFailure([{ message: 'down', extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'sichuan', jurisdiction: '四川省' } }], '四川省').message).toBe('四川省数据暂不可用，请稍后再试。');
  });

  test('the 429’s errors, whatever body it came with, carry the wait', () => {
    const [body] = rateLimitedErrors([limited()], '10');
    expect(body).toEqual(limited(10));
    // A body that is no GraphQL (text, HTML), or none: one RATE_LIMITED error, still with the wait.
    expect(rateLimitedErrors([], '10')).toEqual([{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED', retryAfter: 10 } }]);
    // A Retry-After that is an HTTP date is no number of seconds.
    expect(rateLimitedErrors([], 'Wed, 21 Oct 2026 07:28:00 GMT')).toEqual([{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }]);
  });
});
