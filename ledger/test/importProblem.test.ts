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
