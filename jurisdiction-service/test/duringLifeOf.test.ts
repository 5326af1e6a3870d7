import { expect, test } from 'vitest';
import { duringLifeOf } from '../src/mutations/ownRecords.ts';

const refusal = (run: () => void): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message.split(' / ')[0]!;
  }
  throw new Error('not refused');
};

test('a record dated outside the life of the team it names says 队伍, of the organization 组织', () => {
  const team = { id: 'sichuan:Team:t1', foundedOn: new Date('2022-03-01T00:00:00Z'), dissolvedOn: new Date('2023-01-31T00:00:00Z') };
  const organization = { id: 'sichuan:Organization:o1', foundedOn: new Date('2022-03-01T00:00:00Z'), dissolvedOn: null };
  expect(refusal(() => duringLifeOf(team, 'teamId', '2022-01-01', 'actedOn', 'the team'))).toBe('日期 2022-01-01 早于所引用队伍的成立日期（2022-03-01）');
  expect(refusal(() => duringLifeOf(team, 'teamId', '2023-02-01', 'actedOn', 'the team'))).toBe('队伍：所引用的队伍已于 2023-01-31 解散，早于 2023-02-01');
  expect(refusal(() => duringLifeOf(team, 'teamId', null, '', 'the team'))).toBe('队伍：所引用的队伍已于 2023-01-31 解散');
  expect(refusal(() => duringLifeOf(organization, 'organizerId', '2022-01-01', 'heldOn', 'the organizer'))).toBe('举办日期 2022-01-01 早于所引用组织的成立日期（2022-03-01）');
});
