import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIGURE_NAMES, isAdditive } from '@linju/contract';
import { startFederation, type Federation } from '@linju/testing';
import { federationSnapshot } from '@linju/testing';
import { changedStores, dataOf, expectRefused, newKey } from './writeSupport.ts';

/**
 * Figure targets (指标目标), the joint office's records: set and taken back by the joint operator
 * only, through the gateway, each write landing in the joint store alone with its audit entry;
 * every bad input refused with a Chinese message, its code, field and rule, and nothing changed
 * anywhere; read by anyone, anonymous callers too (targets are published like the figures), for
 * the period asked.
 */

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation?.stop());

const TARGET = 'id figure jurisdiction period { from to } value note version updatedAt removedAt';
const SET = `mutation SetTarget($input: FigureTargetInput!, $key: String) { setFigureTarget(input: $input, idempotencyKey: $key) { ${TARGET} } }`;
const REMOVE = `mutation RemoveTarget($id: ID!, $key: String) { removeFigureTarget(id: $id, idempotencyKey: $key) { ${TARGET} } }`;
const READ = `query Targets($period: PeriodInput) { figureTargets(period: $period) { ${TARGET} } }`;

interface Target {
  id: string;
  figure: string;
  jurisdiction: string | null;
  period: { from: string; to: string };
  value: number;
  note: string | null;
  version: number;
  updatedAt: string;
  removedAt: string | null;
}

const asJoint = { as: 'joint-operator' as const };
const set = (input: Record<string, unknown>, key?: string) => federation.query<{ setFigureTarget: Target }>(SET, { input, key }, asJoint);
const read = async (period: { from?: string; to?: string } | null, as: 'anonymous' | 'viewer' = 'anonymous') =>
  dataOf<{ figureTargets: Target[] }>(await federation.query(READ, { period }, { as })).figureTargets;

const JOINT_2026 = { figure: 'jointSeminarSessions', jurisdiction: null, from: '2026-07-01', to: '2026-12-31', value: 12, note: '下半年每月至少两场' };

describe('setting a target', () => {
  test('the seed publishes the office’s 2026 targets, read without a token', async () => {
    const seeded = (await read({ from: '2026-01-01', to: '2026-12-31' })).filter((t) => t.id.startsWith('joint:FigureTarget:2026-'));
    expect(seeded.map((t) => [t.figure, t.jurisdiction, t.value])).toEqual(
      expect.arrayContaining([['jointSeminarSessions', null, 24], ['trainingPersonTimes', null, 600], ['talentEvents', 'sichuan', 4]]),
    );
  });

  test('the joint operator sets a target for the joint total; anonymous callers read it for an overlapping period only', async () => {
    const before = await federationSnapshot(federation.subgraphs);
    const written = dataOf(await set(JOINT_2026, newKey())).setFigureTarget;
    expect(written).toMatchObject({ figure: 'jointSeminarSessions', jurisdiction: null, period: { from: '2026-07-01', to: '2026-12-31' }, value: 12, note: '下半年每月至少两场', version: 1, removedAt: null });
    expect(written.id).toMatch(/^joint:FigureTarget:/);
    // Only the joint store changed: the target and the idempotency record (the audit log is checked below).
    expect(changedStores(before, await federationSnapshot(federation.subgraphs))).toEqual({ joint: ['figure_target', 'idempotency_record'] });

    expect((await read({ from: '2026-09-01', to: '2026-09-30' })).map((t) => t.id)).toContain(written.id);
    expect((await read({ from: '2026-06-01', to: '2026-07-01' })).map((t) => t.id)).toContain(written.id);
    expect((await read({ from: '2026-01-01', to: '2026-06-30' })).map((t) => t.id)).not.toContain(written.id);
    expect((await read({ from: '2027-01-01', to: '2027-03-31' })).map((t) => t.id)).not.toContain(written.id);
    expect((await read({ to: '2025-12-31' })).map((t) => t.id)).not.toContain(written.id);
    expect((await read(null, 'viewer')).map((t) => t.id)).toContain(written.id);
  });

  test('setting the same figure, side and period again changes the value (version moves on), and a retried key writes once', async () => {
    const input = { figure: 'talentsRecruited', jurisdiction: 'sichuan', from: '2026-01-01', to: '2026-06-30', value: 10 };
    const first = dataOf(await set(input)).setFigureTarget;
    const key = newKey();
    const changed = dataOf(await set({ ...input, value: 13, note: '上调' }, key)).setFigureTarget;
    expect(changed).toMatchObject({ id: first.id, value: 13, note: '上调', version: 2 });
    const retried = dataOf(await set({ ...input, value: 13, note: '上调' }, key)).setFigureTarget;
    expect(retried).toEqual(changed);
    const targets = (await read({ from: '2026-03-01', to: '2026-03-31' })).filter((t) => t.figure === 'talentsRecruited' && t.jurisdiction === 'sichuan');
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({ value: 13, version: 2 });
  });

  test('a figure in m², 万元 or a ratio takes a fraction (kept to two decimals)', async () => {
    for (const figure of ['activityRoomAreaSqm', 'housingFundLoanAmountWan', 'incomePerHouseholdYuan']) {
      const written = dataOf(await set({ figure, jurisdiction: 'sichuan', from: '2026-01-01', to: '2026-12-31', value: 120.456 })).setFigureTarget;
      expect(written).toMatchObject({ figure, value: 120.46 });
    }
  });

  test('a ratio figure takes a target too', async () => {
    const ratio = FIGURE_NAMES.find((name) => !isAdditive(name))!;
    const written = dataOf(await set({ figure: ratio, jurisdiction: 'chongqing', from: '2026-01-01', to: '2026-12-31', value: 1500 })).setFigureTarget;
    expect(written).toMatchObject({ figure: ratio, jurisdiction: 'chongqing', value: 1500 });
  });

  test('the write is in the joint audit log, with the target it wrote', async () => {
    const written = dataOf(await set({ figure: 'practiceBases', from: '2026-01-01', to: '2026-12-31', value: 3 })).setFigureTarget;
    const log = dataOf<{ auditLog: { edges: { node: { fields: string[]; kind: string; ids: string[]; outcome: string; role: string } }[] } }>(
      await federation.query(`{ auditLog(first: 5) { edges { node { fields kind ids outcome role } } } }`, {}, asJoint),
    ).auditLog.edges.map((e) => e.node);
    expect(log).toContainEqual({ fields: ['setFigureTarget'], kind: 'WRITE', ids: [written.id], outcome: 'OK', role: 'joint-operator' });
  });
});

describe('taking a target back', () => {
  test('the target is kept with its removal time and no longer read', async () => {
    const written = dataOf(await set({ figure: 'jointWarRooms', from: '2026-01-01', to: '2026-12-31', value: 2 })).setFigureTarget;
    const removed = dataOf<{ removeFigureTarget: Target }>(await federation.query(REMOVE, { id: written.id, key: newKey() }, asJoint)).removeFigureTarget;
    expect(removed).toMatchObject({ id: written.id, version: 2 });
    expect(removed.removedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await read(null)).map((t) => t.id)).not.toContain(written.id);
    // Taken back twice: refused, nothing changed.
    await expectRefused(federation, () => federation.query(REMOVE, { id: written.id }, asJoint), { code: 'BAD_USER_INPUT', field: 'id', rule: 'ended', message: /已于/ });
    // A new target for the same figure and period may be set again.
    expect(dataOf(await set({ figure: 'jointWarRooms', from: '2026-01-01', to: '2026-12-31', value: 3 })).setFigureTarget.id).not.toBe(written.id);
  });

  test('an ID that names no target is NOT_FOUND, one of another type BAD_USER_INPUT', async () => {
    await expectRefused(federation, () => federation.query(REMOVE, { id: 'joint:FigureTarget:nothing' }, asJoint), { code: 'NOT_FOUND', field: 'id', message: /没有指标目标/ });
    await expectRefused(federation, () => federation.query(REMOVE, { id: 'joint:Alliance:x' }, asJoint), { code: 'BAD_USER_INPUT', field: 'id', rule: 'wrong-type' });
  });
});

describe('refusals: nothing changes in any store', () => {
  const BAD = 'BAD_USER_INPUT';
  test.each([
    ['an unknown figure, naming the valid ones', { figure: '开展联合活动' }, { code: BAD, field: 'figure', rule: 'unknown-kind', message: /不是指标目录中的指标，可选：crossAppointments（交叉任职村党组织委员）/ }],
    ['an unknown jurisdiction', { jurisdiction: 'guangdong' }, { code: BAD, field: 'jurisdiction', rule: 'unknown-kind', message: /不是辖区，可选：sichuan（四川省）/ }],
    ['a negative value', { value: -1 }, { code: BAD, field: 'value', rule: 'negative', message: /不能为负数/ }],
    ['a fraction of sessions', { value: 0.33 }, { code: BAD, field: 'value', rule: 'malformed', message: /^目标值须为整数：联合座谈交流以“场次”计（收到 0\.33）/ }],
    ['a fraction of people, a sum', { figure: 'talentsRecruited', value: 12.5 }, { code: BAD, field: 'value', rule: 'malformed', message: /引进人才以“人”计/ }],
    ['a fraction of people, a count', { figure: 'crossAppointments', value: 3.3 }, { code: BAD, field: 'value', rule: 'malformed', message: /whole people/ }],
    ['an absurd value', { value: 1e12 }, { code: BAD, field: 'value', rule: 'too-large' }],
    ['a period that ends before it starts', { from: '2026-12-31', to: '2026-01-01' }, { code: BAD, field: 'to', rule: 'period', message: /早于起始日期/ }],
    ['a note with hidden characters', { note: 'a\u200bb' }, { code: BAD, field: 'note', rule: 'malformed' }],
  ])('%s', async (_what, change, expected) => {
    await expectRefused(federation, () => set({ ...JOINT_2026, ...change }), expected);
  });

  test('a blank jurisdiction is refused, not taken for the joint total: the seeded joint target stays as it was', async () => {
    const seeded = { figure: 'jointSeminarSessions', from: '2026-01-01', to: '2026-12-31', value: 1 };
    for (const jurisdiction of ['', '  ']) {
      await expectRefused(federation, () => set({ ...seeded, jurisdiction }), { code: BAD, field: 'jurisdiction', rule: 'required', message: /双方合计请不填/ });
    }
    const target = (await read({ from: '2026-01-01', to: '2026-12-31' })).find((t) => t.id === 'joint:FigureTarget:2026-joint-seminar-sessions');
    expect(target).toMatchObject({ jurisdiction: null, value: 24, version: 1 });
  });

  test('only the joint operator may set or take back a target', async () => {
    for (const as of ['sichuan-operator', 'viewer', 'anonymous'] as const) {
      await expectRefused(federation, () => federation.query(SET, { input: JOINT_2026 }, { as }), { code: 'FORBIDDEN' });
    }
  });

  test('a bad period asked for is refused on read', async () => {
    const response = await federation.query(READ, { period: { from: '2026-12-31', to: '2026-01-01' } }, { as: 'anonymous' });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: BAD, rule: 'period' });
    expect(response.data).toEqual({ figureTargets: null });
  });
});
