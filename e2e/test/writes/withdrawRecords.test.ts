import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jurisdictionByKey } from '@linju/contract';
import { mintDevToken } from '@linju/gateway/devKeys';
import { figureRollupDifferences } from '@linju/jurisdiction-service';
import { startFederation, type Federation } from '@linju/testing';
import { asClerks, dataOf, expectRefused, loadFixtures, newKey, uniqueName, type ExpectedError, type Side, type SideFixtures } from './writeSupport.ts';

/**
 * 撤销登记: a record registered in error is withdrawn (`<side>WithdrawRecord(id, reason)`). It leaves
 * its list and the figures in the same transaction, is kept whole with the reason in the store's
 * `withdrawn_record`, and the audit log names it. Refused withdrawals (another region's record, a
 * record still referred to, an organization, the other side's record, twice) change nothing.
 */

let federation: Federation;
let fixtures: Record<Side, SideFixtures>;
const PERIOD = { from: '2024-06-01', to: '2024-06-30' };
const pool = (side: Side) => federation.subgraphs[side]!.pool as pg.Pool;

const WITHDRAW = (side: Side) =>
  `mutation ($id: ID!, $reason: String!, $key: String) { ${side}WithdrawRecord(id: $id, reason: $reason, idempotencyKey: $key) { id type reason withdrawnAt withdrawnBy record } }`;

interface Withdrawn {
  id: string;
  type: string;
  reason: string;
  withdrawnAt: string;
  withdrawnBy: string;
  record: string;
}

async function recordActivity(side: Side, personTimes: number): Promise<{ id: string; title: string }> {
  const title = uniqueName('撤销测试活动');
  const response = await federation.query(`mutation ($input: ActivityInput!) { ${side}RecordActivity(input: $input) { id title } }`, {
    input: { kind: '培训', title, heldOn: '2024-06-15', organizerId: fixtures[side].town.id, sessions: 2, personTimes },
  });
  return dataOf<Record<string, { id: string; title: string }>>(response)[`${side}RecordActivity`]!;
}

/** The side's training figure over the period, as the overview gives it, and its activities of the month (a breakdown). */
async function figures(side: Side): Promise<{ trainingPersonTimes: number; activities: number }> {
  const response = await federation.query(
    `query ($period: PeriodInput) { overview(period: $period) { ${side} { trainingPersonTimes } } ${side} { activitiesByMonth(period: $period) { activities } } }`,
    { period: PERIOD },
  );
  const data = dataOf<any>(response);
  return { trainingPersonTimes: data.overview[side].trainingPersonTimes, activities: data[side].activitiesByMonth.reduce((sum: number, m: { activities: number }) => sum + m.activities, 0) };
}

async function listed(side: Side, title: string): Promise<number> {
  const response = await federation.query(`query ($filter: RecordFilter) { ${side} { activities(first: 5, filter: $filter) { totalCount } } }`, { filter: { search: title } });
  return dataOf<Record<Side, { activities: { totalCount: number } }>>(response)[side].activities.totalCount;
}

const withdraw = (side: Side, id: string, reason = '重复登记', options?: Parameters<Federation['query']>[2], key?: string) =>
  federation.query(WITHDRAW(side), { id, reason, key: key ?? newKey() }, options);

beforeAll(async () => {
  federation = asClerks(await startFederation());
  fixtures = await loadFixtures(federation);
}, 120_000);
afterAll(() => federation?.stop());

describe.each(['sichuan', 'chongqing'] as const)('withdrawing on %s', (side) => {
  test('the record leaves its list and the figures, is kept whole with the reason, and the audit log names it; the rollups still equal the records', async () => {
    const before = await figures(side);
    const written = await recordActivity(side, 37);
    expect(await figures(side)).toEqual({ activities: before.activities + 1, trainingPersonTimes: before.trainingPersonTimes + 37 });
    const answer = dataOf<Record<string, Withdrawn>>(await withdraw(side, written.id, '  与上周重复登记  '))[`${side}WithdrawRecord`]!;
    expect(answer).toMatchObject({ id: written.id, type: 'Activity', reason: '与上周重复登记' });
    expect(Date.now() - Date.parse(answer.withdrawnAt)).toBeLessThan(60_000);
    expect(answer.withdrawnBy).toContain(`${side}-operator`);
    expect(JSON.parse(answer.record)).toMatchObject({ id: written.id, title: written.title, person_times: 37, held_on: '2024-06-15' });
    expect(await listed(side, written.title)).toBe(0);
    expect(await figures(side)).toEqual(before);
    const { rows } = await pool(side).query('SELECT type, reason FROM withdrawn_record WHERE id = $1', [written.id]);
    expect(rows).toEqual([{ type: 'Activity', reason: '与上周重复登记' }]);
    const audit = await pool(side).query(`SELECT fields, kind, outcome, ids FROM audit_log WHERE $1 = ANY(ids) ORDER BY seq`, [written.id]);
    expect(audit.rows.at(-1)).toEqual({ fields: [`${side}WithdrawRecord`], kind: 'write', outcome: 'ok', ids: [written.id] });
    expect(await figureRollupDifferences(pool(side), jurisdictionByKey(side)!)).toEqual([]);
  });
});

describe('a withdrawal is idempotent, and the second of two is told the record is gone', () => {
  test('a retry with its key answers the same; another key is refused with rule withdrawn, naming when and why', async () => {
    const written = await recordActivity('sichuan', 5);
    const key = newKey();
    const first = dataOf(await withdraw('sichuan', written.id, '误录', undefined, key));
    expect(dataOf(await withdraw('sichuan', written.id, '误录', undefined, key))).toEqual(first);
    const error = await expectRefused(federation, () => withdraw('sichuan', written.id, '误录'), { code: 'BAD_USER_INPUT', field: 'id', rule: 'withdrawn' });
    expect(error.message).toMatch(/^该活动记录已于 \d{4}-\d{2}-\d{2} 撤销（原因：误录）/);
    expect(error.extensions).toMatchObject({ reason: '误录', withdrawnAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/) });
  });
});

describe('refused withdrawals change nothing', () => {
  test('a team with actions is still referred to: withdraw the actions first', async () => {
    const fx = fixtures.sichuan;
    const team = dataOf<any>(await federation.query(`mutation ($input: TeamInput!) { sichuanRecordTeam(input: $input) { id } }`, {
      input: { category: '志愿服务队', kind: '帮帮团', name: uniqueName('撤销测试队'), organizationId: fx.town.id, foundedOn: '2024-01-05' },
    })).sichuanRecordTeam;
    const action = dataOf<any>(await federation.query(`mutation ($input: TeamActionInput!) { sichuanRecordTeamAction(input: $input) { id } }`, {
      input: { teamId: team.id, kind: '日常巡逻', actedOn: '2024-02-01', occurrences: 3 },
    })).sichuanRecordTeamAction;
    const error = await expectRefused(federation, () => withdraw('sichuan', team.id), { code: 'BAD_USER_INPUT', field: 'id', rule: 'in-use' });
    expect(error.message).toContain('请先撤销引用它的记录');
    dataOf(await withdraw('sichuan', action.id));
    expect(dataOf<any>(await withdraw('sichuan', team.id)).sichuanWithdrawRecord).toMatchObject({ id: team.id, type: 'Team' });
  });

  const refusals: [string, () => string, ExpectedError][] = [
    ['an organization (dissolved or merged instead)', () => fixtures.sichuan.town.id, { code: 'BAD_USER_INPUT', field: 'id', rule: 'not-withdrawable', message: /撤销党组织/ }],
    ['a person', () => fixtures.sichuan.person.id, { code: 'BAD_USER_INPUT', field: 'id', rule: 'not-withdrawable', message: /\/ \S+ is of type Person: only records of / }],
    ['a record of the other side', () => fixtures.chongqing.team.id, { code: 'BAD_USER_INPUT', field: 'id', rule: 'wrong-jurisdiction' }],
    ['a record that does not exist', () => 'sichuan:Activity:nothing', { code: 'NOT_FOUND', field: 'id' }],
    ['no Linju ID', () => '上周的座谈会', { code: 'BAD_USER_INPUT', field: 'id', rule: 'malformed-id' }],
  ];
  test.each(refusals)('%s', async (_what, id, expected) => {
    await expectRefused(federation, () => withdraw('sichuan', id()), expected);
  });

  test('a blank reason', async () => {
    const written = await recordActivity('sichuan', 1);
    await expectRefused(federation, () => withdraw('sichuan', written.id, '  '), { code: 'BAD_USER_INPUT', field: 'reason', rule: 'required' });
    expect(await listed('sichuan', written.title)).toBe(1);
  });

  test("another town's operator may not withdraw the record, nor a viewer, nor the other side's operator", async () => {
    const written = await recordActivity('sichuan', 1);
    const town = fixtures.sichuan.town.region.id.split(':').at(-1)!;
    const regions = dataOf<any>(await federation.query(`{ sichuan { regions(first: 100, filter: { kinds: ["乡镇"] }) { edges { node { code } } } } }`)).sichuan.regions.edges
      .map((e: any) => e.node.code as string);
    const elsewhere = regions.find((code: string) => code !== town && !town.startsWith(code))!;
    const token = await mintDevToken(federation.devKeys, 'sichuan-operator', 'clerk-elsewhere', '1h', { region: elsewhere, name: '外镇操作员' });
    const error = await expectRefused(federation, () => withdraw('sichuan', written.id, '误录', { as: { authorization: `Bearer ${token}` } }), { code: 'FORBIDDEN' });
    expect(error.extensions).toMatchObject({ rule: 'outside-region', operatorRegion: elsewhere });
    await expectRefused(federation, () => withdraw('sichuan', written.id, '误录', { as: 'viewer' }), { code: 'FORBIDDEN' });
    // Once withdrawn by its own town, the other town is still refused by region, never told when and why.
    const gone = await recordActivity('sichuan', 1);
    dataOf(await withdraw('sichuan', gone.id, '本镇误录'));
    const told = await expectRefused(federation, () => withdraw('sichuan', gone.id, '误录', { as: { authorization: `Bearer ${token}` } }), { code: 'FORBIDDEN' });
    expect(told.message).not.toContain('本镇误录');
    await expectRefused(federation, () => withdraw('sichuan', written.id, '误录', { as: 'chongqing-operator' }), { code: 'FORBIDDEN' });
    expect(await listed('sichuan', written.title)).toBe(1);
  });
});

describe('the withdrawn records are listed, most recently withdrawn first', () => {
  const PAGE = `query ($after: String) { sichuan { withdrawnRecords(first: 2, after: $after) { edges { cursor node { id type reason withdrawnBy } } pageInfo { hasNextPage endCursor } } } }`;
  type Page = { edges: { cursor: string; node: { id: string; type: string; reason: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
  const page = async (after?: string): Promise<Page> => dataOf<any>(await federation.query(PAGE, { after }, { as: 'sichuan-operator' })).sichuan.withdrawnRecords;

  test('a page of two, then the next from its cursor, with nothing repeated; a forged cursor is refused', async () => {
    const ids: string[] = [];
    for (const reason of ['第一条', '第二条', '第三条']) {
      const written = await recordActivity('sichuan', 1);
      dataOf(await withdraw('sichuan', written.id, reason));
      ids.unshift(written.id);
    }
    const first = await page();
    expect(first.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(first.edges[0]!.node).toMatchObject({ type: 'Activity', reason: '第三条' });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = await page(first.pageInfo.endCursor);
    expect(next.edges[0]!.node.id).toBe(ids[2]);
    expect(new Set([...first.edges, ...next.edges].map((e) => e.node.id)).size).toBe(first.edges.length + next.edges.length);
    const forged = ['["yesterday","a"]', '["2024-02-30T00:00:00.000Z","a"]', '["0000-01-01T00:00:00.000Z","a"]', '["+275760-09-13T00:00:00.000Z","a"]', '["2024-01-01T00:00:00.000+99:00","a"]'];
    for (const after of ['x', 'é'.repeat(400), ...forged.map((text) => Buffer.from(text).toString('base64url'))]) {
      expect((await federation.query(PAGE, { after }, { as: 'sichuan-operator' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after', rule: 'malformed' });
    }
    // Who withdrew what is the owner's to read, like its audit log.
    for (const as of ['anonymous', 'viewer', 'chongqing-operator', 'joint-operator'] as const) {
      expect((await federation.query(PAGE, {}, { as })).errors?.[0]?.extensions?.code, as).toBe('FORBIDDEN');
    }
  });
});

describe('a key whose record was withdrawn is free again', () => {
  const input = () => ({ kind: '培训', title: uniqueName('撤销后重录'), heldOn: '2024-06-20', organizerId: fixtures.sichuan.town.id, personTimes: 3 });

  test('the same write sent again with its key records it anew', async () => {
    const key = newKey();
    const sent = input();
    const send = async () => dataOf<any>(await federation.query(`mutation ($input: ActivityInput!, $key: String) { sichuanRecordActivity(input: $input, idempotencyKey: $key) { id } }`, { input: sent, key })).sichuanRecordActivity.id as string;
    const first = await send();
    expect(await send()).toBe(first);
    dataOf(await withdraw('sichuan', first));
    const again = await send();
    expect(again).not.toBe(first);
    expect(await listed('sichuan', sent.title)).toBe(1);
    expect(await send()).toBe(again);
  });

  test('a ledger imported again after one of its records was withdrawn: that row is written anew, the other is 已存在', async () => {
    const rows = [{ input: input(), idempotencyKey: newKey() }, { input: input(), idempotencyKey: newKey() }];
    const importRows = async () =>
      dataOf<any>(await federation.query(`mutation ($rows: [ActivityImportRow!]!) { sichuanImportActivities(rows: $rows) { created existing rows { status id } } }`, { rows })).sichuanImportActivities;
    const first = await importRows();
    expect(first).toMatchObject({ created: 2, existing: 0 });
    dataOf(await withdraw('sichuan', first.rows[0].id));
    const again = await importRows();
    expect(again).toMatchObject({ created: 1, existing: 1 });
    expect(again.rows[0]).toMatchObject({ status: 'CREATED' });
    expect(again.rows[0].id).not.toBe(first.rows[0].id);
    expect(again.rows[1]).toEqual({ status: 'EXISTING', id: first.rows[1].id });
    expect(await listed('sichuan', rows[0]!.input.title)).toBe(1);
  });
});

describe('a released key is released once (a second reading found these races)', () => {
  const RECORD = `mutation ($input: ActivityInput!, $key: String) { sichuanRecordActivity(input: $input, idempotencyKey: $key) { id } }`;
  const IMPORT = `mutation ($rows: [ActivityImportRow!]!) { sichuanImportActivities(rows: $rows) { created existing rows { status id code } } }`;
  const input = () => ({ kind: '培训', title: uniqueName('并发重录'), heldOn: '2024-06-21', organizerId: fixtures.sichuan.town.id, personTimes: 2 });
  const rowsTitled = async (title: string) => (await pool('sichuan').query('SELECT id FROM activity WHERE title = $1', [title])).rows.map((r) => r.id as string);

  test('six retries at once of a write whose record was withdrawn record it once, and all answer that record', async () => {
    const key = newKey();
    const sent = input();
    const first = dataOf<any>(await federation.query(RECORD, { input: sent, key })).sichuanRecordActivity.id;
    dataOf(await withdraw('sichuan', first));
    const answers = await Promise.all(Array.from({ length: 6 }, async () => dataOf<any>(await federation.query(RECORD, { input: sent, key })).sichuanRecordActivity.id));
    const rows = await rowsTitled(sent.title);
    expect(rows).toHaveLength(1);
    expect(new Set(answers)).toEqual(new Set(rows));
  });

  test('four imports at once of a row whose record was withdrawn write it once', async () => {
    const rows = [{ input: input(), idempotencyKey: newKey() }];
    const first = dataOf<any>(await federation.query(IMPORT, { rows })).sichuanImportActivities;
    dataOf(await withdraw('sichuan', first.rows[0].id));
    const answers = await Promise.all(Array.from({ length: 4 }, async () => dataOf<any>(await federation.query(IMPORT, { rows })).sichuanImportActivities));
    const written = await rowsTitled(rows[0]!.input.title);
    expect(written).toHaveLength(1);
    expect(answers.map((a) => a.created).sort()).toEqual([0, 0, 0, 1]);
    expect(answers.map((a) => a.rows[0].id)).toEqual(Array(4).fill(written[0]));
  });

  test('a colleague imports the withdrawn row again: the key is free for anyone, and then the colleague’s', async () => {
    const key = newKey();
    const sent = input();
    const first = dataOf<any>(await federation.query(RECORD, { input: sent, key })).sichuanRecordActivity.id;
    dataOf(await withdraw('sichuan', first));
    const colleague = await mintDevToken(federation.devKeys, 'sichuan-operator', 'clerk-colleague', '1h', { region: '510000', name: '另一操作员' });
    const theirs = dataOf<any>(await federation.query(IMPORT, { rows: [{ input: sent, idempotencyKey: key }] }, { as: { authorization: `Bearer ${colleague}` } })).sichuanImportActivities;
    expect(theirs).toMatchObject({ created: 1, rows: [{ status: 'CREATED' }] });
    expect(await rowsTitled(sent.title)).toEqual([theirs.rows[0].id]);
    // The first clerk sending it again is told it was written by another (the key is the colleague's now), and nothing is written twice.
    const mine = dataOf<any>(await federation.query(IMPORT, { rows: [{ input: sent, idempotencyKey: key }] })).sichuanImportActivities;
    expect(mine).toMatchObject({ created: 0, rows: [{ status: 'REFUSED', code: 'IDEMPOTENCY_KEY_REUSED' }] });
    expect((await federation.query(RECORD, { input: sent, key })).errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await rowsTitled(sent.title)).toEqual([theirs.rows[0].id]);
  });
});

describe('the joint office withdraws an agreement registered in error', () => {
  const OVERVIEW = `query ($period: PeriodInput) { overview(period: $period) { agreements { agreements cooperationItems } } }`;
  const agreementFigures = async () => dataOf<any>(await federation.query(OVERVIEW, { period: { from: '2024-05-01', to: '2024-05-31' } })).overview.agreements;
  const JOINT = { as: 'joint-operator' } as const;
  const WITHDRAW_AGREEMENT = `mutation ($id: ID!, $reason: String!) { withdrawAgreement(id: $id, reason: $reason) { id type reason record } }`;

  test('it leaves the lists and the figures with its signatories and items, is kept whole, and only the joint office may', async () => {
    const before = await agreementFigures();
    const signed = dataOf<any>(await federation.query(`mutation ($input: AgreementInput!) { signAgreement(input: $input) { id } }`, {
      input: {
        title: uniqueName('撤销测试协议'), signedOn: '2024-05-10', signatoryIds: [fixtures.sichuan.town.id, fixtures.chongqing.town.id],
        items: [{ category: '党建共抓', title: '联合主题党日' }, { category: '产业共兴', title: '互派挂职' }],
      },
    }, JOINT)).signAgreement;
    expect(await agreementFigures()).toEqual({ agreements: before.agreements + 1, cooperationItems: before.cooperationItems + 2 });
    await expectRefused(federation, () => federation.query(WITHDRAW_AGREEMENT, { id: signed.id, reason: '误录' }, { as: 'sichuan-operator' }), { code: 'FORBIDDEN' });
    const withdrawn = dataOf<any>(await federation.query(WITHDRAW_AGREEMENT, { id: signed.id, reason: '与已签协议重复' }, JOINT)).withdrawAgreement;
    expect(withdrawn).toMatchObject({ id: signed.id, type: 'Agreement', reason: '与已签协议重复' });
    const record = JSON.parse(withdrawn.record);
    expect(record.signatories.map((s: { organization_id: string }) => s.organization_id).sort()).toEqual([fixtures.chongqing.town.id, fixtures.sichuan.town.id].sort());
    expect(record.items.map((i: { title: string }) => i.title)).toEqual(['联合主题党日', '互派挂职']);
    expect(await agreementFigures()).toEqual(before);
    const listed = dataOf<any>(await federation.query(`{ withdrawnRecords(first: 1) { edges { node { id type } } } }`, {}, JOINT)).withdrawnRecords.edges;
    expect(listed).toEqual([{ node: { id: signed.id, type: 'Agreement' } }]);
    await expectRefused(federation, () => federation.query(WITHDRAW_AGREEMENT, { id: signed.id, reason: '误录' }, JOINT), { code: 'BAD_USER_INPUT', field: 'id', rule: 'withdrawn' });
    await expectRefused(federation, () => federation.query(WITHDRAW_AGREEMENT, { id: 'joint:Alliance:x', reason: '误录' }, JOINT), { code: 'BAD_USER_INPUT', field: 'id', rule: 'wrong-type' });
  });
});
