import { expect, test } from 'vitest';
import { problemOf } from '../src/importProblem.ts';
import { ledgerKind } from '../src/kinds/index.ts';

test('a date before the founding names what was founded: the team for a team action, the organization for an activity', () => {
  const refusal = (field: string, value: string) => ({
    code: 'BAD_USER_INPUT',
    field,
    rule: 'before-founding',
    message: `${field} ${value} 早于所引用队伍的成立日期（2022-03-01） / ${value} is before the team sichuan:Team:t1 was founded (2022-03-01)`,
  });
  expect(problemOf(refusal('actedOn', '2022-01-01'), ledgerKind('team-actions'), { actedOn: '2022-01-01' })).toEqual({
    column: '日期',
    reason: '日期 2022-01-01 早于所引用队伍的成立日期（2022-03-01）',
  });
  expect(problemOf(refusal('heldOn', '2022-01-01'), ledgerKind('activities'), { heldOn: '2022-01-01' }).reason).toBe('日期 2022-01-01 早于所引用组织的成立日期（2022-03-01）');
});

test('a row whose key is taken says which case it is: another clerk imported it, or it was imported with other content', () => {
  const reused = (rule: string) => ({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', rule, message: '… / idempotencyKey k was already used' });
  expect(problemOf(reused('another-sender'), ledgerKind('activities'))).toEqual({ column: null, reason: '该行已由另一位操作员导入，未重复写入' });
  expect(problemOf(reused('other-request'), ledgerKind('activities'))).toEqual({ column: null, reason: '该行此前已以不同内容导入过，未重复写入' });
});

test('a refusal led by its field’s Chinese name as a heading is read without it, the column naming the field', () => {
  const parentKind = {
    code: 'BAD_USER_INPUT',
    field: 'parentId',
    rule: 'parent-kind',
    message: '上级党组织：党支部下不能设立下级党组织；“白马村党支部”（党支部）不能作为党支部的上级 / sichuan:Organization:b1 is a 党支部, which leads no organization',
  };
  expect(problemOf(parentKind, ledgerKind('organizations'))).toEqual({ column: '上级党组织', reason: '党支部下不能设立下级党组织；“白马村党支部”（党支部）不能作为党支部的上级' });
  const namesake = { code: 'BAD_USER_INPUT', field: 'name', rule: 'duplicate', message: '名称：党组织“白马村党支部”在同一上级组织下已经登记，同一组织只登记一次 / a live organization named 白马村党支部 is already registered' };
  expect(problemOf(namesake, ledgerKind('organizations')).reason).toBe('党组织“白马村党支部”在同一上级组织下已经登记，同一组织只登记一次');
});

test('an alliance the joint office does not have, the store saying it in English only, is said naming the office as its subgraph does (遂潼联合办公室)', () => {
  const refusal = { code: 'BAD_USER_INPUT', field: 'allianceId', rule: 'unknown-alliance', message: 'allianceId joint:Alliance:nope names no alliance of the joint office' };
  expect(problemOf(refusal, ledgerKind('activities')).reason).toBe('遂潼联合办公室没有这个联盟（联盟 ID 有误，或该联盟已不存在）');
});
