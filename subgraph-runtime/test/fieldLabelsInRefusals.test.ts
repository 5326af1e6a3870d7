import { expect, test } from 'vitest';
import { GraphQLError } from 'graphql';
import { fieldLabel } from '@linju/contract/fieldLabels';
import { amount, count, globalId, idempotencyKey, idempotencyKeyRequired, oneOf, pastDate, text, version } from '../src/writes/validate.ts';

/**
 * The writes' shared checks (limits, dates, vocabularies) name a field in their Chinese half by its
 * Chinese name, as the contract's input descriptions give it; `extensions.field` and the English
 * half keep the API name, which a clerk reading an import's row or the dashboard never sees.
 */
const refusal = (run: () => unknown): GraphQLError => {
  try {
    run();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('not refused');
};

test.each([
  ['a negative count', () => count(-1, 'sessions', 1000), 'sessions', '场次不能为负数（收到 -1）', 'sessions must not be negative; got -1'],
  // Each English half a sentence of its own, led by the field's API name.
  ['a negative version', () => version(-1), 'version', '读到的版本不能为负数（收到 -1）', 'version must not be negative; got -1'],
  ['a version that is no whole number', () => version(1.5), 'version', '读到的版本须为整数', 'version must be a whole number'],
  ['an absurd count', () => count(2_000, 'sessions', 1000), 'sessions', '场次 2000 超过 1000，不可能正确，请检查单位', 'sessions (2000) is more than 1000, which cannot be right'],
  ['an absurd amount', () => amount(1e12, 'amountWan', 1e6), 'amountWan', '金额（万元） 1000000000000 超过 1000000，不可能正确，请检查单位', 'amountWan (1000000000000) is more than 1000000, which cannot be right'],
  // An argument no description names has one Chinese name of its own (fieldLabels' ARGUMENT_LABELS), never its API name.
  ['a long idempotency key', () => idempotencyKey('k'.repeat(201)), 'idempotencyKey', '幂等键超过 200 个字符', 'idempotencyKey is longer than 200 characters'],
  ['a key with a hidden character', () => idempotencyKey('k\u200b'), 'idempotencyKey', '幂等键含有控制或不可见字符', 'idempotencyKey contains control or invisible characters'],
  ['an imported row without a key', () => { throw idempotencyKeyRequired(); }, 'idempotencyKey', '幂等键不能为空：导入的每一行都须填写', 'idempotencyKey is required for every imported row'],
  // The example is of the ID's own home (an alliance is the joint office's), the value quoted short and escaped.
  ['a malformed alliance ID', () => globalId('bad\u202eid', 'allianceId', 'joint', 'Alliance'), 'allianceId', '所属联盟“bad\\u202Eid”不是邻聚 ID', 'allianceId "bad\\u202Eid" is not a Linju ID such as joint:Alliance:…'],
  ['a malformed organization ID of 300 characters', () => globalId('x'.repeat(300), 'organizerId', 'sichuan', 'Organization'), 'organizerId', `主办组织“${'x'.repeat(40)}…”不是邻聚 ID`, `organizerId "${'x'.repeat(40)}…" is not a Linju ID such as sichuan:Organization:…`],
  ['a date before its bound', () => pastDate('1800-01-01', 'heldOn', { date: '1900-01-01', what: 'the organizer', zh: '主办组织的成立日期' }), 'heldOn', '举办日期 1800-01-01 早于主办组织的成立日期（1900-01-01）', 'heldOn 1800-01-01 is before the organizer (1900-01-01)'],
  ['a word outside the vocabulary', () => oneOf('未知😀', 'gender', ['男', '女']), 'gender', '性别“未知😀”不在可选范围内，可选：男、女', 'gender "未知😀" is not one of: 男、女'],
  ['a blank title', () => text(' ', 'title'), 'title', '名称不能为空', 'title is required and must not be blank'],
])('%s', (_, run, field, zh, en) => {
  const error = refusal(run);
  expect(error.extensions.field).toBe(field);
  expect(error.message).toBe(`${zh} / ${en}`);
});

test('labels come from the input descriptions, without the side note; a field named differently by the inputs is named by what they share', () => {
  expect(fieldLabel('idCardNumber')).toBe('公民身份号码');
  expect(fieldLabel('organizerId')).toBe('主办组织');
  expect(fieldLabel('rows.input.personTimes')).toBe('人次');
  expect(fieldLabel('startedOn')).toBe('日期');
  expect(fieldLabel('name')).toBe('名称');
  expect([fieldLabel('idempotencyKey'), fieldLabel('orderBy'), fieldLabel('subject'), fieldLabel('version')]).toEqual(['幂等键', '排序方式', '调用者', '读到的版本']);
});
