import { expect, test } from 'vitest';
import { GraphQLError } from 'graphql';
import { fieldLabel } from '@linju/contract/fieldLabels';
import { count, oneOf, pastDate, text } from '../src/writes/validate.ts';

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
  ['a negative count', () => count(-1, 'sessions', 1000), 'sessions', '场次不能为负数（收到 -1）', 'sessions must not be negative, got -1'],
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
  expect(fieldLabel('idempotencyKey')).toBe('idempotencyKey');
});
