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
